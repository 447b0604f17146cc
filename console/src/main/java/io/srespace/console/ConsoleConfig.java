package io.srespace.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The console's settings; every one has a default that runs the local demo. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {
  /** How far back the charts reach. */
  @WithDefault("15m")
  Duration history();

  /** Width of one point on the charts. */
  @WithDefault("5s")
  Duration step();

  /** How many of the agents' last events a page gets when it opens. */
  @WithDefault("500")
  int feedKept();

  /** How many incidents are kept, the newest. */
  @WithDefault("200")
  int incidentsKept();

  /** Jaeger's UI, for links to a trace (e.g. http://127.0.0.1:16686); none: no trace links. */
  Optional<String> tracesUrl();

  /**
   * Where an incident's issue is read, its number appended (e.g. a GitHub repository's {@code
   * …/issues/}); none: the local board, read with {@code ./sre-space board show N}.
   */
  Optional<String> issuesUrl();
}
