package io.srespace.scout.detection;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The detectors of one processor, kept in its state store so they survive restarts: one per key (a
 * service, an edge, the journey) and signal, each with the id of its current episode.
 */
public final class Detectors {
  private final KeyValueStore<String, byte[]> store;

  /** What one window did to its detector. */
  public record Observation(boolean report, double baseline, String episode) {}

  Detectors(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /**
   * Feeds {@code value}, seen in the window ending {@code windowEnd}, to the detector of {@code
   * key}; says whether to report it (the detector is firing and this window is anomalous).
   */
  public Observation observe(
      String key, DetectorSettings settings, double value, Object windowEnd) {
    byte[] state = store.get(key);
    RobustDetector detector =
        state == null ? new RobustDetector(settings) : RobustDetector.fromBytes(settings, state);
    double baseline = detector.baseline();
    boolean anomalous = detector.warmedUp() && value > detector.threshold();
    RobustDetector.Transition transition = detector.observe(value);
    store.put(key, detector.toBytes());
    String episodeKey = key + "|episode";
    if (transition == RobustDetector.Transition.FIRED) {
      store.put(episodeKey, (key + "@" + windowEnd).getBytes(StandardCharsets.UTF_8));
    } else if (transition == RobustDetector.Transition.CLEARED) {
      store.delete(episodeKey);
    }
    boolean report = detector.firing() && anomalous;
    String episode = report ? new String(store.get(episodeKey), StandardCharsets.UTF_8) : null;
    return new Observation(report, baseline, episode);
  }

  /** The saved state of a tracker other than a detector (a trend), or null. */
  public byte[] load(String key) {
    return store.get(key);
  }

  public void save(String key, byte[] state) {
    store.put(key, state);
  }
}
