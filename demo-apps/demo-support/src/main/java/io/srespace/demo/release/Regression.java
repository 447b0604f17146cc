package io.srespace.demo.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a release of a demo service does wrong, as real releases do: each is a code path the release
 * changed, not a switch, so it lasts as long as the release runs and a restart does not clear it.
 */
public enum Regression {
  /** Every business request takes a slow new code path (an uncached lookup). */
  SLOWER,
  /** Requests on one code path (about a third of the inputs, the same ones every time) throw. */
  FAILS_ON_PATH,
  /**
   * A business rule reads its setting wrong (policy-service: the acceptance limit as a percent).
   */
  WRONG_RULE;

  /** The kebab-case name the release catalogue uses: {@code fails-on-path}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Regression fromId(String id) {
    for (Regression regression : values()) {
      if (regression.id().equals(id.strip())) {
        return regression;
      }
    }
    throw new IllegalArgumentException(
        "unknown regression '%s' (known: none, %s)"
            .formatted(
                id, Arrays.stream(values()).map(Regression::id).collect(Collectors.joining(", "))));
  }
}
