package io.srespace.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Something done to the healing loop itself while a real fault runs: it starts when the fault's run
 * reaches {@link #moment} and is undone by {@link Disturber#undo} at the latest when the run ends.
 *
 * @param name how the table and {@code --only} name it
 * @param fault the fault injected meanwhile (a scenario of {@code chaos/scenarios})
 * @param moment when in the fault's run it starts
 * @param what what is done, in words
 */
record Disturbance(String name, String fault, Moment moment, Kind kind, String what) {

  /** The point of a fault's run where a disturbance starts. */
  enum Moment {
    /** As soon as the fault is on. */
    INJECTED,
    /** Scout has opened the incident. */
    DETECTED,
    /** Fixer has reported its action applied, not yet verified. */
    APPLIED,
    /** Fixer has verified recovery; the post-mortem is not stored yet. */
    VERIFIED;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has reached this moment. */
    boolean reached(RunState state) {
      return switch (this) {
        case INJECTED -> true;
        case DETECTED -> state.incident() != null;
        case APPLIED -> state.applied() != null;
        case VERIFIED -> state.verified() != null;
      };
    }
  }

  /** What a disturbance does, carried out by a {@link Disturber}. */
  enum Kind {
    POISON,
    KILL_SCOUT,
    KILL_BRAIN,
    KILL_FIXER,
    KILL_MEMORY,
    BROKER_RESTART,
    CHROMA_DOWN,
    TRACES_DOWN,
    BOARD_LOCKED
  }

  /** The disturbances of issue 18, each during the fault whose run shows it best. */
  static final List<Disturbance> CATALOGUE =
      List.of(
          new Disturbance(
              "poison",
              "kill",
              Moment.INJECTED,
              Kind.POISON,
              "a record that is not an event on every topic an agent reads"),
          new Disturbance(
              "kill-scout",
              "kill",
              Moment.DETECTED,
              Kind.KILL_SCOUT,
              "kill -9 of Scout right after it opened the incident"),
          new Disturbance(
              "kill-brain",
              "latency",
              Moment.DETECTED,
              Kind.KILL_BRAIN,
              "kill -9 of Brain before its diagnosis is published (it holds a restart for latency)"),
          new Disturbance(
              "kill-fixer",
              "db-pool",
              Moment.APPLIED,
              Kind.KILL_FIXER,
              "kill -9 of Fixer between its action and the verification"),
          new Disturbance(
              "kill-memory",
              "kill",
              Moment.VERIFIED,
              Kind.KILL_MEMORY,
              "kill -9 of Memory before it stored the post-mortem"),
          new Disturbance(
              "broker-restart",
              "kill",
              Moment.DETECTED,
              Kind.BROKER_RESTART,
              "the Kafka broker restarted mid-incident"),
          new Disturbance(
              "chroma-down",
              "kill",
              Moment.INJECTED,
              Kind.CHROMA_DOWN,
              "Chroma stopped for two minutes"),
          new Disturbance(
              "traces-down",
              "kill",
              Moment.INJECTED,
              Kind.TRACES_DOWN,
              "the trace store stopped until the incident is over"),
          new Disturbance(
              "board-locked",
              "kill",
              Moment.INJECTED,
              Kind.BOARD_LOCKED,
              "the local board's lock held by another process for a minute"));

  /** The faults the catalogue injects, each needing an undisturbed run to compare with. */
  static List<String> faults(List<Disturbance> disturbances) {
    return disturbances.stream().map(Disturbance::fault).distinct().toList();
  }

  /** The named disturbances, in the catalogue's order. */
  static List<Disturbance> named(List<String> names) {
    for (String name : names) {
      if (CATALOGUE.stream().noneMatch(d -> d.name().equals(name))) {
        throw new IllegalArgumentException(
            "unknown disturbance '%s' (known: %s)"
                .formatted(
                    name, String.join(", ", CATALOGUE.stream().map(Disturbance::name).toList())));
      }
    }
    return CATALOGUE.stream().filter(d -> names.contains(d.name())).toList();
  }
}
