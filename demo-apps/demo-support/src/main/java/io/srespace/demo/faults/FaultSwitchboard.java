package io.srespace.demo.faults;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.srespace.demo.kafka.KafkaPublisher;
import io.srespace.events.ChaosEvent;
import io.srespace.events.Event;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.events.topics.Topics;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns this service's faults on and off, clears them when their duration runs out, and publishes
 * each flip to {@code chaos.faults} with the exact time: the ground truth evaluators score against.
 * A fault that models a lasting condition ({@link FaultSwitch#survivesRestart}) is kept beside the
 * deployment ({@code demo.faults.state-dir}) and is on again when the service starts: a restart
 * does not heal it.
 */
// Created at start, so a lasting fault is on again before the first request.
@Startup
@Singleton
public class FaultSwitchboard {
  private static final Logger LOG = Logger.getLogger(FaultSwitchboard.class);

  private final Map<Fault, FaultSwitch> switches = new EnumMap<>(Fault.class);
  private final Map<Fault, FaultState> active = new HashMap<>();
  private final Map<Fault, ScheduledFuture<?>> expiries = new HashMap<>();
  private final Consumer<Event<ChaosEvent>> publisher;
  private final String service;
  private final LastingFaults lasting;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fault-expiry");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public FaultSwitchboard(
      @Any Instance<FaultSwitch> faults,
      KafkaPublisher publisher,
      @ConfigProperty(name = "quarkus.application.name") String service,
      @ConfigProperty(name = "demo.faults.state-dir") Optional<String> stateDir) {
    this(
        faults,
        event -> publisher.publish(Topics.CHAOS_FAULTS, service, event),
        service,
        stateDir.map(Path::of));
  }

  FaultSwitchboard(
      Iterable<? extends FaultSwitch> faults,
      Consumer<Event<ChaosEvent>> publisher,
      String service,
      Optional<Path> stateDir) {
    this.publisher = publisher;
    this.service = service;
    this.lasting = new LastingFaults(stateDir, service);
    for (FaultSwitch fault : faults) {
      FaultSwitch clash = switches.put(fault.fault(), fault);
      if (clash != null) {
        throw new IllegalStateException(
            "two switches for %s: %s and %s".formatted(fault.fault(), clash, fault));
      }
    }
    restoreLasting();
  }

  /** Turns on again what was on when the last process ended and has not run out meanwhile. */
  private synchronized void restoreLasting() {
    Instant now = Instant.now();
    for (FaultState state : lasting.read(switches.values())) {
      if (state.until() != null && !state.until().isAfter(now)) {
        publish(
            new FaultCleared(
                service, state.fault(), "its duration ran out while the service was down"),
            now,
            "cleared " + state.fault() + " on start: its duration ran out");
        continue;
      }
      FaultSwitch target = switches.get(state.fault());
      target.turnOn(state.intensity());
      active.put(state.fault(), state);
      if (state.until() != null) {
        expireAfter(state.fault(), Duration.between(now, state.until()), "duration elapsed");
      }
      LOG.infof(
          "fault %s is still on after the restart: on since %s at %s %s (a restart does not heal it)",
          state.fault(), state.since(), state.intensity(), state.intensityUnit());
    }
    keepLasting();
  }

  /** Writes down the lasting faults that are on, for the next process of this service. */
  private void keepLasting() {
    lasting.write(
        active.values().stream()
            .filter(state -> switches.get(state.fault()).survivesRestart())
            .toList());
  }

  public synchronized List<FaultState> states() {
    return switches.values().stream().map(this::stateOf).toList();
  }

  /**
   * Turns a fault on for {@code duration} (or until cleared when null) at {@code intensity} (the
   * fault's default when null), and publishes FaultInjected before the fault takes effect.
   */
  public synchronized FaultState inject(Fault fault, Double intensity, Duration duration) {
    FaultSwitch target = switchFor(fault);
    double level = intensity == null ? target.defaultIntensity() : intensity;
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    Instant now = Instant.now();
    Instant until = duration == null ? null : now.plus(duration);
    Long seconds = duration == null ? null : duration.toSeconds();
    publish(
        new FaultInjected(service, fault, level, seconds),
        now,
        "injected %s at %s (until %s)".formatted(fault, level, until == null ? "cleared" : until));
    FaultState state =
        new FaultState(
            fault,
            true,
            level,
            target.intensityUnit(),
            target.defaultIntensity(),
            now,
            until,
            target.symptom(),
            null);
    active.put(fault, state);
    cancelExpiry(fault);
    target.turnOn(level);
    if (target.survivesRestart()) {
      keepLasting();
    }
    if (duration != null) {
      expireAfter(fault, duration, "duration of %d s elapsed".formatted(seconds));
    }
    return stateOf(target);
  }

  /** Clears the fault when {@code after} has passed, for {@code reason}. */
  private void expireAfter(Fault fault, Duration after, String reason) {
    expiries.put(
        fault, clock.schedule(() -> clear(fault, reason), after.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Turns a fault off; returns false when it was not on. */
  public synchronized boolean clear(Fault fault, String reason) {
    FaultSwitch target = switchFor(fault);
    if (active.remove(fault) == null) {
      return false;
    }
    cancelExpiry(fault);
    target.turnOff();
    if (target.survivesRestart()) {
      keepLasting();
    }
    publish(
        new FaultCleared(service, fault, reason),
        Instant.now(),
        "cleared " + fault + ": " + reason);
    return true;
  }

  public synchronized int clearAll(String reason) {
    int cleared = 0;
    for (Fault fault : List.copyOf(active.keySet())) {
      cleared += clear(fault, reason) ? 1 : 0;
    }
    return cleared;
  }

  void shutdown(@Observes ShutdownEvent event) {
    clock.shutdownNow();
  }

  private FaultSwitch switchFor(Fault fault) {
    FaultSwitch target = switches.get(fault);
    if (target == null) {
      throw new UnknownFaultException(fault, switches.keySet());
    }
    return target;
  }

  private FaultState stateOf(FaultSwitch fault) {
    FaultState state = active.get(fault.fault());
    return state != null
        ? state.downAt(fault.downAt().orElse(null))
        : new FaultState(
            fault.fault(),
            false,
            0,
            fault.intensityUnit(),
            fault.defaultIntensity(),
            null,
            null,
            fault.symptom(),
            null);
  }

  private void cancelExpiry(Fault fault) {
    ScheduledFuture<?> expiry = expiries.remove(fault);
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  private void publish(ChaosEvent fact, Instant at, String what) {
    LOG.infof("fault %s on %s", what, service);
    publisher.accept(Event.of(service, null, null, at, fact));
  }
}
