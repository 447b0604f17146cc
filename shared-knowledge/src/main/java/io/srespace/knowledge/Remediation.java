package io.srespace.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.srespace.events.RemediationAction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One allowed remediation of the knowledge graph and the only reading of its rule: the action, and
 * for a pull request which key of the service's configuration to set to what ({@code "x2"} doubles
 * the current value, capped at {@code max}), whether a person must approve it, and the reason
 * people read.
 */
public record Remediation(
    RemediationAction action,
    String key,
    String value,
    BigDecimal max,
    String why,
    @JsonProperty("approval") boolean needsApproval) {

  /** The value rule that doubles the current value. */
  public static final String DOUBLE = "x2";

  public Remediation {
    if (action == null) {
      throw new IllegalArgumentException("a remediation needs an action");
    }
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("a remediation needs a reason ('why')");
    }
    if (action == RemediationAction.PULL_REQUEST) {
      if (key == null || key.isBlank() || value == null || value.isBlank()) {
        throw new IllegalArgumentException("a pull request needs a key and a value");
      }
      if (DOUBLE.equals(value) && (max == null || max.signum() <= 0)) {
        throw new IllegalArgumentException(
            "doubling %s needs a positive max, got %s".formatted(key, max));
      }
    } else if (key != null || value != null || max != null) {
      throw new IllegalArgumentException(
          "only a pull request sets a key; %s takes no key, value or max".formatted(action.id()));
    }
  }

  /** Whether the value is relative to the current one. */
  public boolean doubles() {
    return DOUBLE.equals(value);
  }

  /** The value to set, given the current one (null when the key is not set). */
  public String target(String current) {
    if (!doubles()) {
      return value;
    }
    BigDecimal now = positive(current);
    if (now == null) {
      throw new IllegalStateException(
          "%s is %s, not a positive number, so it cannot be doubled"
              .formatted(key, current == null ? "not set" : "'" + current + "'"));
    }
    return plain(now.multiply(BigDecimal.valueOf(2)).min(max));
  }

  /**
   * Reasons not to change {@link #key} from {@code current} (null when not set) to {@code
   * proposed}; empty when the rule allows exactly this change.
   */
  public List<String> refusals(String proposed, String current) {
    List<String> reasons = new ArrayList<>();
    if (action != RemediationAction.PULL_REQUEST) {
      reasons.add("a %s changes no configuration".formatted(action.id()));
      return reasons;
    }
    if (proposed == null) {
      reasons.add("%s needs a value".formatted(key));
      return reasons;
    }
    if (!doubles()) {
      if (!value.equals(proposed.trim())) {
        reasons.add("%s=%s is not the reviewed value %s".formatted(key, proposed, value));
      }
      return reasons;
    }
    if (positive(current) == null) {
      reasons.add(
          "%s is %s, not a positive number, so it cannot be doubled"
              .formatted(key, current == null ? "not set" : "'" + current + "'"));
      return reasons;
    }
    String allowed = target(current);
    if (!allowed.equals(proposed.trim())) {
      reasons.add(
          "%s=%s is not twice %s capped at %s (that is %s)"
              .formatted(key, proposed, current.trim(), plain(max), allowed));
    } else if (same(current, proposed)) {
      reasons.add("%s is already %s, the most the rule allows".formatted(key, plain(max)));
    }
    return reasons;
  }

  /** The rule in words, for pull request bodies: "DB_POOL_MAX_SIZE: twice the current, ≤ 16". */
  public String describe() {
    if (action != RemediationAction.PULL_REQUEST) {
      return action.id();
    }
    return doubles()
        ? "%s: twice the current value, at most %s".formatted(key, plain(max))
        : "%s: the reviewed value %s".formatted(key, value);
  }

  private static boolean same(String a, String b) {
    return number(a).compareTo(number(b)) == 0;
  }

  private static BigDecimal positive(String text) {
    BigDecimal number = number(text);
    return number != null && number.signum() > 0 ? number : null;
  }

  private static BigDecimal number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
