package io.srespace.scout.detection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The detectors of one processor, kept in its state store so they survive restarts: one per key (a
 * service, an edge, the journey) and signal, each with the id of its current episode and when it
 * was last fed. A detector not fed for a long time is forgotten ({@link #forgetQuietSince}), so the
 * store holds only what is still seen.
 */
public final class Detectors {
  private static final String SEEN = "|seen";
  private static final String EPISODE = "|episode";

  private final KeyValueStore<String, byte[]> store;
  private final Clock clock;

  /** What one window did to its detector. */
  public record Observation(boolean report, double baseline, String episode) {}

  Detectors(KeyValueStore<String, byte[]> store) {
    this(store, Clock.systemUTC());
  }

  Detectors(KeyValueStore<String, byte[]> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Feeds {@code value}, seen in the window ending {@code windowEnd}, to the detector of {@code
   * key}; says whether to report it (the detector is firing and this window is anomalous).
   */
  public Observation observe(
      String key, DetectorSettings settings, double value, Object windowEnd) {
    byte[] state = store.get(key);
    if (state != null && resumed(key)) {
      // Fed again after a long silence: a start (the stack, or Scout, was down), whose cold
      // processes are slow for a while. It is learned anew, as on a first start.
      state = null;
      store.delete(key + EPISODE);
    }
    RobustDetector detector =
        state == null ? new RobustDetector(settings) : RobustDetector.fromBytes(settings, state);
    RobustDetector.Verdict verdict = detector.judge(value);
    store.put(key, detector.toBytes());
    touch(key);
    String episodeKey = key + EPISODE;
    if (verdict.transition() == RobustDetector.Transition.FIRED) {
      store.put(episodeKey, (key + "@" + windowEnd).getBytes(StandardCharsets.UTF_8));
    } else if (verdict.transition() == RobustDetector.Transition.CLEARED) {
      store.delete(episodeKey);
    }
    String episode =
        verdict.report() ? new String(store.get(episodeKey), StandardCharsets.UTF_8) : null;
    return new Observation(verdict.report(), verdict.baseline(), episode);
  }

  /** The saved state of a tracker other than a detector (a trend), or null. */
  public byte[] load(String key) {
    return store.get(key);
  }

  public void save(String key, byte[] state) {
    store.put(key, state);
    touch(key);
  }

  /**
   * Forgets every detector and tracker last fed before {@code horizon}, with its episode; returns
   * how many.
   */
  public int forgetQuietSince(Instant horizon) {
    List<String> quiet = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.key.endsWith(SEEN)
                && Long.parseLong(new String(entry.value, StandardCharsets.UTF_8))
                    < horizon.toEpochMilli()) {
              quiet.add(entry.key.substring(0, entry.key.length() - SEEN.length()));
            }
          });
    }
    for (String key : quiet) {
      store.delete(key);
      store.delete(key + EPISODE);
      store.delete(key + SEEN);
    }
    return quiet.size();
  }

  /**
   * How long a key may go unfed before its next window counts as a start and its detector learns
   * anew: longer than a restart Fixer waits for (a kill is restarted within seconds), shorter than
   * a stack taken down and up.
   */
  static final Duration RESUMED_AFTER = Duration.ofSeconds(30);

  private boolean resumed(String key) {
    byte[] seen = store.get(key + SEEN);
    return seen != null
        && clock.millis() - Long.parseLong(new String(seen, StandardCharsets.UTF_8))
            > RESUMED_AFTER.toMillis();
  }

  private void touch(String key) {
    store.put(key + SEEN, Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8));
  }
}
