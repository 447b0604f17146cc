package io.srespace.fixer.gitops;

import java.math.BigDecimal;
import java.util.List;

/**
 * What Fixer may change in the configuration repository: one key of one file, within bounds (a
 * number in [{@code min}, {@code max}], either bound optional) and/or one of {@code allowedValues}.
 * Built from the knowledge graph's pull-request remediations.
 */
public record ChangeRule(
    String file, String key, BigDecimal min, BigDecimal max, List<String> allowedValues) {
  public ChangeRule {
    if (file == null || file.isBlank() || key == null || key.isBlank()) {
      throw new IllegalArgumentException("a change rule needs a file and a key");
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "%s in %s: min %s is above max %s".formatted(key, file, min, max));
    }
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }

  /** A rule for a numeric key with an upper bound only, the knowledge graph's {@code x2}. */
  public static ChangeRule atMost(String file, String key, BigDecimal max) {
    return new ChangeRule(file, key, null, max, List.of());
  }

  /** A rule for a key that may take only the listed values. */
  public static ChangeRule oneOf(String file, String key, List<String> values) {
    return new ChangeRule(file, key, null, null, values);
  }

  public boolean numeric() {
    return min != null || max != null;
  }

  /** The rule in words, for pull request bodies: "DB_POOL_MAX_SIZE in a.env: a number ≤ 16". */
  public String describe() {
    StringBuilder text = new StringBuilder(key + " in " + file + ": ");
    if (min != null && max != null) {
      text.append("a number from %s to %s".formatted(min.toPlainString(), max.toPlainString()));
    } else if (max != null) {
      text.append("a number at most " + max.toPlainString());
    } else if (min != null) {
      text.append("a number at least " + min.toPlainString());
    }
    if (!allowedValues.isEmpty()) {
      text.append(numeric() ? ", " : "").append("one of ").append(allowedValues);
    }
    if (!numeric() && allowedValues.isEmpty()) {
      text.append("any value");
    }
    return text.toString();
  }
}
