package io.srespace.events.topics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is who on the bus: each agent is its own Kafka user, the demo services share one for their
 * telemetry, the deployer is whoever deploys besides Fixer (the chaos tool's releases, the
 * launcher's repair), the evaluator may only read, and so may the console, the page people watch
 * (never the evaluators' ground truth). The broker's own user, {@link Access#ADMIN}, is not one of
 * them: it is the operator's.
 */
public enum Principal {
  SCOUT,
  BRAIN,
  FIXER,
  MEMORY,
  TELEMETRY,
  DEPLOYER,
  EVALUATOR,
  CONSOLE;

  /** The Kafka user name, also the file name of its password. */
  public String user() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Principal> ofUser(String user) {
    return Arrays.stream(values()).filter(p -> p.user().equals(user)).findFirst();
  }
}
