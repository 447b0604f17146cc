package io.srespace.console.lab;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The chaos lab: off unless enabled. When on, the page may switch the demo services' faults on and
 * off through their admin endpoints, with a token only the console's server holds.
 */
@ConfigMapping(prefix = "console.chaos-lab")
public interface ChaosLabConfig {
  @WithDefault("false")
  boolean enabled();

  /** The demo services' admin token ({@code X-Admin-Token}), from the console's secrets file. */
  Optional<String> token();

  /** The services the lab may touch, each {@code name=base URL}. */
  Optional<List<String>> services();
}
