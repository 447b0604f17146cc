package io.srespace.brain.knowledge;

import io.srespace.events.RemediationAction;
import java.math.BigDecimal;

/**
 * One allowed remediation of the knowledge graph: the action, and for a pull request which key of
 * the service's configuration to set to what ({@code "x2"} doubles the current value, capped at
 * {@code max}), with the reason people read.
 */
public record Remediation(
    RemediationAction action, String key, String value, String max, String why) {

  void check(String where, KnowledgeGraph.Service service) {
    if (action == null) {
      throw new IllegalArgumentException(where + ": a remediation needs an action");
    }
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException(where + ": a remediation needs a reason ('why')");
    }
    if (action == RemediationAction.PULL_REQUEST) {
      if (key == null || value == null || service.config() == null) {
        throw new IllegalArgumentException(
            where + ": a pull request needs a key, a value and the service's config file");
      }
      if (doubles() && max == null) {
        throw new IllegalArgumentException(where + ": doubling a value needs a max");
      }
    }
  }

  /** Whether the value is relative to the current one. */
  public boolean doubles() {
    return "x2".equals(value);
  }

  /** The value to set, given the current one (null when unknown). */
  public String target(String current) {
    if (!doubles()) {
      return value;
    }
    if (current == null) {
      throw new IllegalStateException(
          "the current value of %s is unknown, so it cannot be doubled".formatted(key));
    }
    BigDecimal doubled = new BigDecimal(current.trim()).multiply(BigDecimal.valueOf(2));
    BigDecimal cap = new BigDecimal(max);
    return doubled.min(cap).stripTrailingZeros().toPlainString();
  }
}
