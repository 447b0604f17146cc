package io.srespace.events.recall;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a caller shows an agent's API key: HTTP Basic with the user {@value #USER} and the key as its
 * password, the scheme Quarkus' embedded users check. Health and metrics ask for nothing.
 */
public final class ApiKey {
  /** The one user of an agent's API. */
  public static final String USER = "agent";

  private ApiKey() {}

  /** The {@code Authorization} header's value for {@code key}. */
  public static String authorization(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("the API key is missing");
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((USER + ":" + key.strip()).getBytes(StandardCharsets.UTF_8));
  }
}
