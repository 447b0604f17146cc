package io.srespace.console;

import java.time.Duration;
import java.util.Optional;

/** The console's defaults, with how many incidents to keep chosen by the test. */
public record TestConfig(int incidentsKept) implements ConsoleConfig {
  public static ConsoleConfig defaults() {
    return new TestConfig(200);
  }

  @Override
  public Duration history() {
    return Duration.ofMinutes(15);
  }

  @Override
  public Duration step() {
    return Duration.ofSeconds(5);
  }

  @Override
  public int feedKept() {
    return 500;
  }

  @Override
  public Optional<String> tracesUrl() {
    return Optional.empty();
  }

  @Override
  public Optional<String> issuesUrl() {
    return Optional.empty();
  }
}
