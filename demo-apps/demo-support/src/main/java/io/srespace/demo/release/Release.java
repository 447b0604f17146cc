package io.srespace.demo.release;

import io.quarkus.runtime.Startup;
import io.srespace.demo.DemoConfig;
import io.srespace.demo.faults.LatencyFault;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The release this process runs ({@code RELEASE}, deployed through the GitOps repository) and the
 * regressions the service's release catalogue ({@code demo.releases."<version>"}) gives it. A
 * release the catalogue does not know stops the start, as a missing image would.
 */
@Startup
@Singleton
public class Release {
  /** How long the slow code path takes, give or take 10 %. */
  static final long SLOW_PATH_MILLIS = 400;

  private static final Logger LOG = Logger.getLogger(Release.class);
  private final String version;
  private final Set<Regression> regressions;

  @Inject
  public Release(DemoConfig config) {
    this(config.release(), config.releases());
  }

  public Release(String version, Map<String, String> catalogue) {
    String notes = catalogue.get(version);
    if (notes == null) {
      throw new IllegalStateException(
          "release %s is not in this service's catalogue (known: %s)"
              .formatted(version, String.join(", ", new TreeMap<>(catalogue).keySet())));
    }
    this.version = version;
    this.regressions = parse(notes);
    LOG.infof("running release %s%s", version, regressions.isEmpty() ? "" : " " + regressions);
  }

  private static Set<Regression> parse(String notes) {
    Set<Regression> parsed = EnumSet.noneOf(Regression.class);
    for (String id : notes.split(",")) {
      if (!id.isBlank() && !id.strip().equals("none")) {
        parsed.add(Regression.fromId(id));
      }
    }
    return parsed;
  }

  public String version() {
    return version;
  }

  public boolean has(Regression regression) {
    return regressions.contains(regression);
  }

  /**
   * The release's own behaviour before a business request runs: the slow path, or a failure for the
   * inputs on the broken path ({@code input}'s text picks the path, so the same inputs always
   * fail).
   */
  public void beforeRequest(Object input) {
    if (has(Regression.SLOWER)) {
      LatencyFault.pause(SLOW_PATH_MILLIS);
    }
    if (has(Regression.FAILS_ON_PATH) && onBrokenPath(input)) {
      throw new IllegalStateException(
          "release %s: no handler for this input's code path".formatted(version));
    }
  }

  static boolean onBrokenPath(Object input) {
    return input != null && Math.floorMod(input.toString().hashCode(), 3) == 0;
  }
}
