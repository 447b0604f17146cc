package io.srespace.scout.health;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.scout.detection.AnomalyEvents;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * No data: a service that has reported before and then goes quiet for longer than the silence limit
 * (or three of its usual gaps, when it reports more rarely) is reported as a no-data anomaly, every
 * check, until it reports again. Time is the wall clock at which Scout received the reports, so the
 * services' clocks do not matter. A service silent for {@link #FORGET_AFTER} is forgotten: it was
 * taken away, not broken.
 *
 * <p>When no service at all has been heard from for half the silence limit, it is Scout's input
 * that stalled (the broker restarting, the telemetry pipe down), not every service at once: nobody
 * is called silent then, and once reports flow again every service gets one silence limit to be
 * heard, as after a start.
 */
public final class SilenceWatch {
  private static final Logger LOG = Logger.getLogger(SilenceWatch.class);
  static final String STORE = "silence-watch";
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);
  private static final double GAP_WEIGHT = 0.2;
  private static final int GAPS_TO_SILENCE = 3;

  private final Duration silence;

  public SilenceWatch(Duration silence) {
    this.silence = silence;
  }

  /**
   * When this Scout last received any report, from any service (shared by the watch's tasks), and
   * when reports came back after its input had stalled: nothing from anyone for half the silence
   * limit (longer than the gaps of a healthy input, shorter than a broker restart), or three of the
   * input's usual gaps when it is sparser than that.
   */
  static final class Pulse {
    private final long silenceMillis;
    private long lastMillis = -1;
    private long resumedMillis;
    private double usualGapMillis = Double.NaN;

    Pulse(Duration silence) {
      this.silenceMillis = silence.toMillis();
    }

    synchronized void heard(long nowMillis) {
      if (lastMillis < 0) {
        resumedMillis = nowMillis - silenceMillis;
      } else if (nowMillis - lastMillis > stallMillis()) {
        resumedMillis = nowMillis;
        LOG.infof(
            "reports flow again after %d s with none from any service: every service gets %d s to"
                + " be heard before it counts as silent",
            (nowMillis - lastMillis) / 1000, silenceMillis / 1000);
      } else if (nowMillis > lastMillis) {
        usualGapMillis = usualGap(usualGapMillis, nowMillis - lastMillis);
      }
      lastMillis = Math.max(lastMillis, nowMillis);
    }

    private long stallMillis() {
      return Math.min(silenceMillis, Math.max(silenceMillis / 2, gapsToSilence(usualGapMillis)));
    }

    /** Whether silence can be told now: reports flow, and have for one silence limit. */
    synchronized boolean flowing(long nowMillis) {
      return lastMillis >= 0
          && nowMillis - lastMillis <= stallMillis()
          && nowMillis - resumedMillis >= silenceMillis;
    }
  }

  /** When a service was last heard from, and the usual gap between its reports. */
  record Heard(long lastMillis, double gapMillis) {
    byte[] toBytes() {
      return ByteBuffer.allocate(Long.BYTES + Double.BYTES)
          .putLong(lastMillis)
          .putDouble(gapMillis)
          .array();
    }

    static Heard fromBytes(byte[] bytes) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new Heard(buffer.getLong(), buffer.getDouble());
    }
  }

  /** A report from the service arrived at {@code nowMillis}. */
  Heard heard(Heard before, long nowMillis) {
    if (before == null) {
      return new Heard(nowMillis, Double.NaN);
    }
    double gap = nowMillis - before.lastMillis();
    if (gap <= 0) {
      return before;
    }
    return new Heard(nowMillis, usualGap(before.gapMillis(), gap));
  }

  /** The usual gap (NaN before the first) moved towards a new one. */
  private static double usualGap(double usual, double gap) {
    return Double.isNaN(usual) ? gap : (1 - GAP_WEIGHT) * usual + GAP_WEIGHT * gap;
  }

  /** {@link #GAPS_TO_SILENCE} usual gaps, or 0 while there is no usual gap yet. */
  private static long gapsToSilence(double usual) {
    return Double.isNaN(usual) ? 0 : Math.round(GAPS_TO_SILENCE * usual);
  }

  /** How long the service may stay quiet before it counts as silent. */
  long limitMillis(Heard heard) {
    return Math.max(silence.toMillis(), gapsToSilence(heard.gapMillis()));
  }

  /** The anomaly a silent service shows at {@code nowMillis}, or null while it is not silent. */
  Event<AnomalyEvent> judge(String service, Heard heard, long nowMillis) {
    long quiet = nowMillis - heard.lastMillis();
    if (quiet <= limitMillis(heard)) {
      return null;
    }
    Instant last = Instant.ofEpochMilli(heard.lastMillis());
    Instant now = Instant.ofEpochMilli(nowMillis);
    double usualSeconds = Double.isNaN(heard.gapMillis()) ? 0 : heard.gapMillis() / 1000;
    Anomaly anomaly =
        new Anomaly(
            "no-data|" + service + "@" + last,
            service,
            null,
            Signal.NO_DATA,
            quiet / 1000.0,
            usualSeconds,
            "seconds since its last report",
            new TimeWindow(last, now),
            List.of());
    return AnomalyEvents.of(anomaly, now);
  }

  /**
   * Watches {@code reports} (keyed by service) and publishes no-data anomalies to scout.anomalies,
   * checking every {@code every} of wall-clock time.
   */
  public static <V> void watch(
      StreamsBuilder builder, KStream<String, V> reports, Duration silence, Duration every) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()));
    Topic<String, Event<AnomalyEvent>> anomalies = Topics.SCOUT_ANOMALIES;
    Pulse pulse = new Pulse(silence);
    reports
        .process(() -> new Watch<V>(new SilenceWatch(silence), pulse, every), STORE)
        .to(anomalies.name(), Produced.with(anomalies.keySerde(), anomalies.valueSerde()));
  }

  private static final class Watch<V> implements Processor<String, V, String, Event<AnomalyEvent>> {
    private final SilenceWatch watch;
    private final Pulse pulse;
    private final Duration every;
    private ProcessorContext<String, Event<AnomalyEvent>> context;
    private KeyValueStore<String, byte[]> store;
    private long startedMillis;

    Watch(SilenceWatch watch, Pulse pulse, Duration every) {
      this.watch = watch;
      this.pulse = pulse;
      this.every = every;
    }

    @Override
    public void init(ProcessorContext<String, Event<AnomalyEvent>> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
      this.startedMillis = context.currentSystemTimeMs();
      context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<String, V> record) {
      pulse.heard(context.currentSystemTimeMs());
      byte[] before = store.get(record.key());
      Heard heard =
          watch.heard(
              before == null ? null : Heard.fromBytes(before), context.currentSystemTimeMs());
      store.put(record.key(), heard.toBytes());
    }

    /**
     * Judges every known service. Right after a start it waits out one silence limit, so reports
     * written while Scout was down are read before anyone is called silent.
     */
    private void check(long nowMillis) {
      if (nowMillis - startedMillis < watch.silence.toMillis() || !pulse.flowing(nowMillis)) {
        return;
      }
      List<String> forget = new ArrayList<>();
      try (var all = store.all()) {
        all.forEachRemaining(
            entry -> {
              Heard heard = Heard.fromBytes(entry.value);
              if (nowMillis - heard.lastMillis() > FORGET_AFTER.toMillis()) {
                forget.add(entry.key);
                return;
              }
              Event<AnomalyEvent> anomaly = watch.judge(entry.key, heard, nowMillis);
              if (anomaly != null) {
                context.forward(new Record<>(entry.key, anomaly, nowMillis));
              }
            });
      }
      forget.forEach(store::delete);
    }
  }
}
