package io.srespace.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.srespace.events.FaultClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one configuration key may hold, from the knowledge graph's {@code settings}: its type
 * ({@code integer}, {@code decimal} or {@code text}), bounds for numbers, or the values it may
 * take. Fixer holds every value it would merge to it, whatever computed that value. {@code affects}
 * lists the kinds of failure a change of the key can cause (none listed: any kind, as a release
 * can); Brain suspects a recent change of the key only for those.
 */
public record Setting(
    Type type,
    BigDecimal min,
    BigDecimal max,
    @JsonProperty("one_of") List<String> oneOf,
    List<FaultClass> affects) {

  /** How a value is written: a whole number, a plain decimal number, or text from a list. */
  public enum Type {
    @JsonProperty("integer")
    INTEGER,
    @JsonProperty("decimal")
    DECIMAL,
    @JsonProperty("text")
    TEXT
  }

  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

  public Setting {
    if (type == null) {
      throw new IllegalArgumentException("a setting needs a type (integer, decimal or text)");
    }
    oneOf = oneOf == null ? null : List.copyOf(oneOf);
    affects = affects == null ? List.of() : List.copyOf(affects);
    if (type == Type.TEXT && (min != null || max != null)) {
      throw new IllegalArgumentException(
          "a text setting takes no min or max; list its values in one_of");
    }
    if (type == Type.TEXT && (oneOf == null || oneOf.isEmpty())) {
      throw new IllegalArgumentException("a text setting needs the values it may take (one_of)");
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new IllegalArgumentException("min %s is above max %s".formatted(min, max));
    }
  }

  public Setting(Type type, BigDecimal min, BigDecimal max, List<String> oneOf) {
    this(type, min, max, oneOf, null);
  }

  /** Whether a change of the key can cause a failure of this kind. */
  public boolean canCause(FaultClass faultClass) {
    return affects.isEmpty() || affects.contains(faultClass);
  }

  public boolean numeric() {
    return type != Type.TEXT;
  }

  /** Reasons {@code key} may not hold {@code value}; empty when it may. */
  public List<String> refusals(String key, String value) {
    List<String> reasons = new ArrayList<>();
    String text = value == null ? "" : value.trim();
    if (text.isEmpty()) {
      reasons.add("%s needs a value".formatted(key));
      return reasons;
    }
    if (type == Type.INTEGER && !WHOLE.matcher(text).matches()) {
      reasons.add("%s=%s is not a whole number".formatted(key, text));
      return reasons;
    }
    if (type == Type.DECIMAL && !PLAIN_DECIMAL.matcher(text).matches()) {
      reasons.add("%s=%s is not a plain decimal number".formatted(key, text));
      return reasons;
    }
    if (numeric()) {
      BigDecimal number = new BigDecimal(text);
      if (min != null && number.compareTo(min) < 0) {
        reasons.add("%s=%s is below its minimum %s".formatted(key, text, plain(min)));
      }
      if (max != null && number.compareTo(max) > 0) {
        reasons.add("%s=%s is above its maximum %s".formatted(key, text, plain(max)));
      }
    }
    if (oneOf != null && !oneOf.contains(text)) {
      reasons.add("%s=%s is not one of %s".formatted(key, text, String.join(", ", oneOf)));
    }
    return reasons;
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
