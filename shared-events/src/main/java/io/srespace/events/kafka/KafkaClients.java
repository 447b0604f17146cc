package io.srespace.events.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a client reaches the broker as one of its users: SASL with SCRAM-SHA-512, the mechanism the
 * broker accepts from clients. The password lives only in the returned map, never in a log line:
 * Kafka prints the JAAS setting as {@code [hidden]}.
 */
public final class KafkaClients {
  public static final String PROTOCOL = "SASL_PLAINTEXT";
  public static final String MECHANISM = "SCRAM-SHA-512";

  private KafkaClients() {}

  /** Settings for a producer, consumer or admin client of {@code user}. */
  public static Map<String, Object> config(String bootstrapServers, String user, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
    config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
    return config;
  }

  /** The JAAS line of a SCRAM login; names and passwords are plain tokens, never quoted text. */
  public static String jaas(String user, String password) {
    requireToken("user", user);
    requireToken("password", password);
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(user, password);
  }

  /**
   * A copy of {@code base} (the settings of an agent's default Kafka connection) with {@code extra}
   * on top: how an agent's own producers and replays share its identity.
   */
  public static Map<String, Object> with(Map<String, ?> base, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(base);
    config.putAll(extra);
    return config;
  }

  private static void requireToken(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the Kafka " + what + " is missing");
    }
    if (!value.matches("[A-Za-z0-9._~+/=-]+")) {
      throw new IllegalArgumentException(
          "the Kafka " + what + " may hold only letters, digits and ._~+/=-");
    }
  }
}
