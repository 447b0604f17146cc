package io.srespace.evaluation;

import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.events.Anomaly;
import io.srespace.events.ConfigChange;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.Fault;
import io.srespace.events.FaultClass;
import io.srespace.events.FaultInjected;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.Suspect;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stands in for the running stack in tests: an injection publishes, on the real broker, the events
 * the demo apps and the agents would (at chosen seconds after the injection), and keeps the board
 * and Memory as the agents would. A repair clears every incident still open.
 */
final class ScriptedSystem implements Launcher, Recall, AutoCloseable {
  private final EventPublisher publisher;
  private final IncidentBoard board;
  private final List<Consumer<Story>> injections = new ArrayList<>();
  private final List<Consumer<Story>> repairs = new ArrayList<>();
  private final Set<String> remembered = new LinkedHashSet<>();
  private final Set<String> open = new LinkedHashSet<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** The faults whose ground truth was asked, in turn. */
  final List<String> asked = new CopyOnWriteArrayList<>();

  private int injectExit;
  private Optional<Boolean> stillOn = Optional.empty();
  private int injected;

  ScriptedSystem(Map<String, Object> kafka, IncidentBoard board) {
    this.publisher = new EventPublisher(kafka, "scripted-system");
    this.board = board;
  }

  /** What the next injections do, in turn (the last one repeats). */
  ScriptedSystem onInject(Consumer<Story> story) {
    injections.add(story);
    return this;
  }

  /** What repairs do besides clearing the incidents still open. */
  ScriptedSystem onRepair(Consumer<Story> story) {
    repairs.add(story);
    return this;
  }

  /** What the ground truth says of the fault when recovery is claimed (empty: cannot tell). */
  ScriptedSystem faultStillOn(Optional<Boolean> answer) {
    this.stillOn = answer;
    return this;
  }

  @Override
  public Optional<Boolean> stillOn(Scenario scenario) {
    asked.add(scenario.fault());
    return stillOn;
  }

  ScriptedSystem injectExit(int code) {
    this.injectExit = code;
    return this;
  }

  @Override
  public synchronized Result inject(Scenario scenario) {
    calls.add(String.join(" ", scenario.chaosArguments()));
    if (injectExit != 0) {
      return new Result(scenario.chaosArguments(), injectExit, Duration.ZERO, null, "refused");
    }
    Story story = new Story(Instant.now(), scenario.service());
    story.injected(Fault.fromId(scenario.fault()).orElseThrow());
    injections.get(Math.min(injected++, injections.size() - 1)).accept(story);
    return new Result(scenario.chaosArguments(), 0, Duration.ZERO, null, "injected");
  }

  @Override
  public synchronized Result repair() {
    calls.add("repair");
    Story story = new Story(Instant.now(), null);
    repairs.forEach(repair -> repair.accept(story));
    for (String id : List.copyOf(open)) {
      story.cleared(id, 0);
    }
    return new Result(List.of("repair"), 0, Duration.ZERO, Path.of("repair.log"), "healthy");
  }

  @Override
  public synchronized List<String> similarIncidentIds(String text, int k) {
    return List.copyOf(remembered);
  }

  @Override
  public void close() {
    publisher.close();
  }

  /** One scripted story: events at seconds after its start, as each agent would publish them. */
  final class Story {
    final Instant t0;
    final String service;

    /** Each scripted incident's issue, as Scout would have opened it. */
    private final Map<String, Integer> issues = new ConcurrentHashMap<>();

    Story(Instant t0, String service) {
      this.t0 = t0;
      this.service = service;
    }

    private Instant at(double seconds) {
      return t0.plusMillis(Math.round(seconds * 1000));
    }

    private void publish(
        Topic<String, ?> topic, String source, String incidentId, double at, EventPayload data) {
      Integer issue = incidentId == null ? null : issues.get(incidentId);
      publisher.publish(topic, Event.of(source, incidentId, issue, at(at), data));
    }

    void injected(Fault fault) {
      publish(Topics.CHAOS_FAULTS, service, null, 0, new FaultInjected(service, fault, 0, null));
    }

    /** Scout opens an incident on {@code on} and its issue; returns the incident id. */
    String opened(double at, String on) {
      String id = "INC-test-" + UUID.randomUUID().toString().substring(0, 8);
      Anomaly anomaly =
          new Anomaly(
              "an-" + id,
              on,
              null,
              Signal.HEALTH,
              0,
              1,
              "up",
              new TimeWindow(at(at - 3), at(at)),
              List.of());
      int issue =
          board == null
              ? issues.size() + 1
              : board.open(id, on + " unavailable", "scripted", Set.of("incident")).number();
      issues.put(id, issue);
      synchronized (ScriptedSystem.this) {
        open.add(id);
      }
      publish(
          Topics.SCOUT_INCIDENTS,
          "scout",
          id,
          at,
          new IncidentOpened(
              on + " unavailable", Severity.MAJOR, List.of(on), List.of(anomaly), at(at)));
      return id;
    }

    void diagnosed(
        String id,
        double at,
        String suspect,
        FaultClass faultClass,
        RemediationAction action,
        String target) {
      ConfigChange change =
          action == RemediationAction.PULL_REQUEST
              ? new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8")
              : null;
      publish(
          Topics.BRAIN_DIAGNOSES,
          "brain",
          id,
          at,
          new DiagnosisMade(
              List.of(
                  new Suspect(suspect, 0.9, faultClass, List.of("scripted"), List.of()),
                  new Suspect("quote-service", 0.1, FaultClass.ERRORS, List.of(), List.of())),
              faultClass,
              0.82,
              new RemediationPlan(action, target, change, "scripted"),
              "scripted diagnosis",
              List.of()));
    }

    void acted(String id, double requested, double applied, RemediationAction action, String on) {
      RemediationPlan plan =
          new RemediationPlan(
              action,
              on,
              action == RemediationAction.PULL_REQUEST
                  ? new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8")
                  : null,
              "scripted");
      publish(
          Topics.FIXER_ACTIONS,
          "fixer",
          id,
          requested,
          new RemediationRequested("act-" + id, plan, null));
      publish(
          Topics.FIXER_ACTIONS,
          "fixer",
          id,
          applied,
          new RemediationApplied("act-" + id, action, on, "restarted", null));
    }

    void cleared(String id, double at) {
      synchronized (ScriptedSystem.this) {
        open.remove(id);
      }
      publish(Topics.SCOUT_INCIDENTS, "scout", id, at, new SymptomsCleared(at(at - 1), 30));
    }

    void verified(String id, double at, RemediationAction action, String on) {
      publish(
          Topics.FIXER_ACTIONS,
          "fixer",
          id,
          at,
          new RemediationVerified("act-" + id, action, on, "healthy again", at(at)));
    }

    /** Brain writes the post-mortem and closes the issue; Memory stores it. */
    void postmortem(String id, double at, boolean remember, boolean close) {
      Integer number = board == null ? null : board.findOpen(id).map(Issue::number).orElse(null);
      publish(
          Topics.BRAIN_POSTMORTEMS,
          "brain",
          id,
          at,
          new PostmortemWritten(
              "Post-mortem " + id,
              "# Post-mortem",
              service,
              FaultClass.UNAVAILABLE,
              RemediationAction.RESTART,
              "verified",
              "the process was down",
              new IncidentTimeline(t0, t0, t0, t0),
              "health probes failed",
              null,
              number == null ? null : "#" + number));
      if (remember) {
        synchronized (ScriptedSystem.this) {
          remembered.add(id);
        }
      }
      if (close && number != null) {
        board.close(number, "resolved");
      }
    }

    /** The whole healthy story of a restart, as the design means it to go. */
    String healed(String suspect, FaultClass faultClass, RemediationAction action, String on) {
      String id = opened(2.3, service);
      diagnosed(id, 2.6, suspect, faultClass, action, on);
      acted(id, 2.7, 5.1, action, on);
      cleared(id, 7.5);
      verified(id, 7.9, action, on);
      postmortem(id, 8.2, true, true);
      return id;
    }
  }
}
