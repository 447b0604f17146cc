package io.srespace.evaluation;

import io.srespace.events.ApprovalRequested;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.events.IncidentOpened;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Suspect;
import io.srespace.events.SymptomsCleared;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One fault, injected through the launcher and followed on the timeline until the agents have
 * healed it end to end, escalated it, or run out of time. Narrates each transition as it appears.
 */
final class FaultRun {
  /** Told of the run's state each time the timeline moves; must return quickly. */
  interface Watcher {
    Watcher NONE = state -> {};

    void seen(RunState state);
  }

  /** How far before the launcher was asked a FaultInjected may be stamped (clock rounding). */
  private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

  /** How long after the launcher returned its FaultInjected may still arrive. */
  private static final Duration CONFIRM = Duration.ofSeconds(15);

  private static final Duration ISSUE_WAIT = Duration.ofSeconds(3);
  private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
  private static final Duration POLL = Duration.ofMillis(250);

  /** How often a leak's service is asked when it would go down, until it is acted on. */
  private static final Duration ASK_DOWN_EVERY = Duration.ofSeconds(5);

  /** How long after the load has ended its incidents still count: Scout's windows lag a little. */
  private static final Duration LOAD_TAIL = Duration.ofSeconds(30);

  private final Scenario scenario;
  private final int run;
  private final TimelineConsumer timeline;
  private final Launcher launcher;
  private final Recall recall;
  private final IssueLookup issues;
  private final Settings.Limits limits;
  private final Narrator narrator;
  private final Watcher watcher;
  private boolean overlapping;
  private Set<String> others = Set.of();

  private final Set<String> told = new HashSet<>();
  private int start;
  private int end;
  private Instant t0;
  private Integer issue;
  private boolean stored;
  private boolean closed;
  private Instant postmortemSeen;
  private Instant nextProbe = Instant.MIN;
  private String probeProblem;
  private Boolean stillOnWhenVerified;
  private boolean askedAtVerification;
  private Instant downAt;
  private Instant nextDownAsk = Instant.MIN;
  private Double lead;

  FaultRun(
      Scenario scenario,
      int run,
      TimelineConsumer timeline,
      Launcher launcher,
      Recall recall,
      IssueLookup issues,
      Settings.Limits limits,
      Narrator narrator,
      Watcher watcher) {
    this.watcher = watcher;
    this.scenario = scenario;
    this.run = run;
    this.timeline = timeline;
    this.launcher = launcher;
    this.recall = recall;
    this.issues = issues;
    this.limits = limits;
    this.narrator = narrator;
  }

  /**
   * This fault overlaps faults on {@code others}: its incident is the first that names its service,
   * not just the first after its injection; for load, the incidents naming none of {@code others}
   * are its false ones.
   */
  FaultRun overlapping(Set<String> others) {
    this.overlapping = true;
    this.others = Set.copyOf(others);
    return this;
  }

  /** The timeline index where the run's events start. */
  int start() {
    return start;
  }

  /** The timeline index where the run's events end: what arrives later belongs to the repair. */
  int end() {
    return end;
  }

  /** Injects the fault and follows it; the launcher's injection has finished when this returns. */
  RunResult execute() throws InterruptedException {
    start = timeline.size();
    Instant asked = Instant.now();
    CompletableFuture<Launcher.Result> injection =
        CompletableFuture.supplyAsync(() -> launcher.inject(scenario));
    try {
      Optional<Event<FaultInjected>> injected = awaitInjection(asked, injection);
      if (injected.isEmpty()) {
        end = timeline.size();
        return RunResult.notInjected(scenario, run, injectionProblem(injection));
      }
      t0 = injected.get().occurredAt();
      narrator.at(t0, t0, describe(injected.get().data()));
      return scenario.expectsIncident() ? follow(injection) : watchLoad(injection);
    } finally {
      finish(injection);
    }
  }

  private Optional<Event<FaultInjected>> awaitInjection(
      Instant asked, CompletableFuture<Launcher.Result> injection) throws InterruptedException {
    Instant limit = asked.plus(limits.injection());
    Instant returned = null;
    while (true) {
      int known = timeline.size();
      Optional<Event<FaultInjected>> found =
          TimelineConsumer.of(
                  timeline.since(start),
                  FaultInjected.class,
                  e ->
                      e.data().service().equals(scenario.service())
                          && e.data().fault().id().equals(scenario.fault())
                          && !e.occurredAt().isBefore(asked.minus(CLOCK_SLACK)))
              .stream()
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
      if (injection.isDone()) {
        if (!injection.join().ok()) {
          return Optional.empty();
        }
        returned = returned == null ? Instant.now() : returned;
        if (Instant.now().isAfter(returned.plus(CONFIRM))) {
          return Optional.empty();
        }
      }
      if (Instant.now().isAfter(limit)) {
        return Optional.empty();
      }
      timeline.awaitMore(known, POLL);
    }
  }

  private String injectionProblem(CompletableFuture<Launcher.Result> injection) {
    if (!injection.isDone()) {
      return "injection failed: the launcher did not return within %d s"
          .formatted(limits.injection().toSeconds());
    }
    Launcher.Result result = injection.join();
    String outcome =
        result.ok()
            ? "injection failed: no FaultInjected on chaos.faults (launcher "
                + result.describe()
                + ")"
            : "injection failed: launcher " + result.describe();
    narrator.say("%s → %s: %s".formatted(scenario.fault(), scenario.service(), outcome));
    return outcome;
  }

  private void finish(CompletableFuture<Launcher.Result> injection) throws InterruptedException {
    try {
      Launcher.Result result = injection.get(limits.injection().toMillis(), TimeUnit.MILLISECONDS);
      narrator.say(
          "launcher: %s %s"
              .formatted(String.join(" ", scenario.chaosArguments()), result.describe()));
    } catch (ExecutionException | TimeoutException e) {
      narrator.say("launcher: injection did not finish cleanly: " + e);
    }
  }

  private RunResult follow(CompletableFuture<Launcher.Result> injection)
      throws InterruptedException {
    Instant detectBy = t0.plus(detectLimit());
    Instant deadline = t0.plus(limits.run());
    String outcome;
    RunState state;
    while (true) {
      int known = timeline.size();
      List<Event<EventPayload>> events = timeline.since(start);
      state = RunState.of(t0, detectBy, events, overlapping ? scenario.service() : null);
      narrate(state, events);
      watcher.seen(state);
      if (state.postmortem() != null && postmortemSeen == null) {
        postmortemSeen = Instant.now();
      }
      if (state.verified() != null && !askedAtVerification) {
        askedAtVerification = true;
        stillOnWhenVerified = launcher.stillOn(scenario).orElse(null);
        if (stillOnWhenVerified != null) {
          narrator.at(
              Instant.now(),
              t0,
              stillOnWhenVerified
                  ? "✗ the fault is still on: a false verification"
                  : "the fault's condition is gone, as verified");
        }
      }
      probe(state);
      watchLead(state);
      Instant now = Instant.now();
      if (injection.isDone() && !injection.join().ok()) {
        outcome = "injection failed: launcher " + injection.join().describe();
      } else if (state.postmortem() != null && stored && closed) {
        outcome = "healed";
      } else if (state.postmortem() != null
          && now.isAfter(postmortemSeen.plus(limits.afterPostmortem()))) {
        outcome = "post-mortem written, but " + unfinished();
      } else if (state.escalated()) {
        outcome = "escalated (" + state.escalationReason() + ")";
      } else if (state.incident() == null && now.isAfter(detectBy)) {
        outcome = "not detected within %d s".formatted(detectLimit().toSeconds());
      } else if (now.isAfter(deadline)) {
        outcome =
            "timed out after %d s waiting for %s"
                .formatted(limits.run().toSeconds(), state.missing());
      } else {
        timeline.awaitMore(known, POLL);
        continue;
      }
      end = known;
      break;
    }
    narrator.say(
        "%s → %s run %d: %s".formatted(scenario.fault(), scenario.service(), run, outcome));
    return result(state, outcome);
  }

  /**
   * Load, not a fault: watches for its duration and {@link #LOAD_TAIL} after, and counts every
   * incident opened meanwhile (naming none of the overlapping faults' services) as a false one.
   */
  private RunResult watchLoad(CompletableFuture<Launcher.Result> injection)
      throws InterruptedException {
    long lasting = scenario.durationSeconds() == null ? 0 : scenario.durationSeconds();
    Instant until = t0.plusSeconds(lasting).plus(LOAD_TAIL);
    List<Event<IncidentOpened>> opened;
    String outcome;
    while (true) {
      int known = timeline.size();
      List<Event<EventPayload>> since = timeline.since(start);
      // The overlapping faults' incidents are theirs: neither told nor counted here.
      Set<String> theirs =
          TimelineConsumer.of(
                  since,
                  IncidentOpened.class,
                  e -> e.data().services().stream().anyMatch(others::contains))
              .stream()
              .map(Event::incidentId)
              .collect(Collectors.toSet());
      List<Event<EventPayload>> events =
          since.stream()
              .filter(e -> e.incidentId() == null || !theirs.contains(e.incidentId()))
              .toList();
      RunState state = RunState.of(t0, until, events);
      narrate(state, events);
      watcher.seen(state);
      opened = state.incidents();
      if (injection.isDone() && !injection.join().ok()) {
        outcome = "injection failed: launcher " + injection.join().describe();
        break;
      }
      if (Instant.now().isAfter(until)) {
        outcome =
            opened.isEmpty()
                ? "no incident, as it should be"
                : "%d false incident(s): %s"
                    .formatted(
                        opened.size(),
                        opened.stream().map(e -> e.data().title()).collect(Collectors.toList()));
        break;
      }
      timeline.awaitMore(known, POLL);
    }
    end = timeline.size();
    narrator.say(
        "%s → %s run %d: %s".formatted(scenario.fault(), scenario.service(), run, outcome));
    boolean right = opened.isEmpty() && !outcome.startsWith("injection failed");
    return RunResult.underLoad(scenario, run, t0, opened.size(), right, outcome);
  }

  /**
   * A leak is judged by its lead: until Fixer has acted, the service is asked every few seconds
   * when its heap would run out; the lead is that moment less when the action was applied (negative
   * when the service went down first).
   */
  private void watchLead(RunState state) {
    if (!scenario.fault().equals("memory-leak")) {
      return;
    }
    if (state.applied() != null) {
      if (lead == null && downAt != null) {
        lead = RunState.seconds(state.applied().occurredAt(), downAt);
        narrator.at(
            state.applied().occurredAt(),
            t0,
            "acted on %.0f s before the heap would have run out".formatted(lead));
      }
      return;
    }
    Instant now = Instant.now();
    if (now.isAfter(nextDownAsk)) {
      nextDownAsk = now.plus(ASK_DOWN_EVERY);
      launcher.downAt(scenario).ifPresent(at -> downAt = at);
    }
  }

  /** A slow-burning fault (no detection target, the memory leak) may take the whole run. */
  private Duration detectLimit() {
    return scenario.fault().equals("memory-leak") ? limits.run() : limits.detect();
  }

  private String unfinished() {
    List<String> missing = new ArrayList<>();
    if (!stored) {
      missing.add("not found in Memory");
    }
    if (!closed) {
      missing.add(issue == null ? "its issue not found" : "issue #" + issue + " still open");
    }
    return String.join(", ", missing) + (probeProblem == null ? "" : " (" + probeProblem + ")");
  }

  private void narrate(RunState state, List<Event<EventPayload>> events) {
    String incidentId = state.incident() == null ? null : state.incident().incidentId();
    for (Event<EventPayload> event : events) {
      if (event.occurredAt().isBefore(t0.minus(CLOCK_SLACK)) || told.contains(event.eventId())) {
        continue;
      }
      Optional<String> line = describe(event, state, incidentId);
      if (line.isPresent()) {
        told.add(event.eventId());
        narrator.at(event.occurredAt(), t0, line.get());
      }
    }
  }

  private Optional<String> describe(Event<EventPayload> event, RunState state, String incidentId) {
    EventPayload data = event.data();
    if (data instanceof IncidentOpened opened && !event.occurredAt().isBefore(t0)) {
      if (event.eventId().equals(state.incident() == null ? null : state.incident().eventId())) {
        issue = awaitIssue(event.incidentId());
        return Optional.of(
            "detected  incident %s%s: %s"
                .formatted(
                    event.incidentId(),
                    issue == null ? "" : " (issue #" + issue + ")",
                    opened.title()));
      }
      if (state.incident() != null) {
        return Optional.of(
            "another incident %s: %s %s"
                .formatted(event.incidentId(), opened.title(), opened.services()));
      }
      return Optional.empty();
    }
    if (data instanceof FaultCleared cleared
        && cleared.service().equals(scenario.service())
        && cleared.fault().id().equals(scenario.fault())) {
      return Optional.of("fault cleared (%s)".formatted(cleared.reason()));
    }
    if (incidentId == null || !incidentId.equals(event.incidentId())) {
      return Optional.empty();
    }
    if (data instanceof DiagnosisMade diagnosis) {
      return Optional.of(diagnosed(diagnosis, state));
    }
    if (data instanceof PostmortemWritten postmortem) {
      postmortemSeen = postmortemSeen == null ? Instant.now() : postmortemSeen;
      if (issue == null) {
        issue = IssueLookup.number(postmortem.issue()).orElse(null);
      }
      return Optional.of("post-mortem written: " + postmortem.title());
    }
    if (data instanceof SymptomsCleared) {
      return Optional.of("symptoms cleared");
    }
    return action(data);
  }

  private static Optional<String> action(EventPayload data) {
    if (data instanceof RemediationRequested requested) {
      return Optional.of("action    %s requested".formatted(plan(requested.plan())));
    }
    if (data instanceof ApprovalRequested approval) {
      return Optional.of("action    waiting for approval of " + approval.actionId());
    }
    if (data instanceof RemediationApplied applied) {
      return Optional.of(
          "action    applied"
              + (applied.pullRequestUrl() != null
                  ? " " + applied.pullRequestUrl()
                  : applied.detail() != null ? ": " + applied.detail() : ""));
    }
    if (data instanceof RemediationFailed failed) {
      return Optional.of(
          "action    failed: %s%s"
              .formatted(failed.reason(), failed.escalated() ? " (escalated)" : ""));
    }
    if (data instanceof RemediationRolledBack rolledBack) {
      return Optional.of("action    rolled back: " + rolledBack.reason());
    }
    if (data instanceof RemediationVerified verified) {
      return Optional.of("verified  " + verified.evidence());
    }
    return Optional.empty();
  }

  private String diagnosed(DiagnosisMade diagnosis, RunState state) {
    String suspect = state.topSuspect().map(Suspect::service).orElse("no suspect");
    String line =
        "diagnosed %s / %s (confidence %.2f) → %s"
            .formatted(
                suspect,
                state.diagnosedFaultClass().orElse("?"),
                diagnosis.confidence(),
                plan(diagnosis.plan()));
    boolean right = state.diagnosisOk(scenario) && state.planOk(scenario);
    return line + (right ? "  ✓" : "  ✗ expected " + scenario.expectation());
  }

  private static String plan(RemediationPlan plan) {
    String action =
        (plan.reverts() == null
                ? ""
                : "revert " + DeploymentChanged.shortCommit(plan.reverts()) + " as ")
            + Scenario.normalised(plan.action().name());
    if (plan.change() != null) {
      return "%s %s %s %s→%s"
          .formatted(
              action,
              plan.service(),
              plan.change().key(),
              plan.change().from() == null ? "?" : plan.change().from(),
              plan.change().to());
    }
    return plan.service() == null ? action + ": " + plan.reason() : action + " " + plan.service();
  }

  private Integer awaitIssue(String incidentId) {
    long deadline = System.nanoTime() + ISSUE_WAIT.toNanos();
    while (true) {
      Optional<Integer> found = issues.issueOf(incidentId);
      if (found.isPresent() || System.nanoTime() > deadline) {
        return found.orElse(null);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** After the post-mortem: is it in Memory, and is the issue closed? Once a second at most. */
  private void probe(RunState state) {
    Instant now = Instant.now();
    if (state.postmortem() == null || (stored && closed) || now.isBefore(nextProbe)) {
      return;
    }
    nextProbe = now.plus(PROBE_EVERY);
    String incidentId = state.incident().incidentId();
    if (!stored) {
      try {
        stored = recall.remembers(incidentId, state.postmortem().data());
        if (stored) {
          narrator.at(Instant.now(), t0, "post-mortem stored in Memory");
        }
      } catch (IOException e) {
        probeProblem = e.getMessage();
      }
    }
    if (!closed) {
      if (issue == null) {
        issue = issues.issueOf(incidentId).orElse(null);
      }
      if (issue != null) {
        closed = issues.closed(issue).orElse(false);
        if (closed) {
          narrator.at(Instant.now(), t0, "issue #%d closed".formatted(issue));
        }
      }
      if (issues.lastError() != null) {
        probeProblem = issues.lastError();
      }
    }
  }

  private String describe(FaultInjected fault) {
    String how =
        fault.durationSeconds() == null ? "" : " for %d s".formatted(fault.durationSeconds());
    return "%s → %s injected%s".formatted(fault.fault().id(), fault.service(), how);
  }

  private RunResult result(RunState state, String outcome) {
    Optional<Suspect> top = state.topSuspect();
    DiagnosisMade diagnosis = state.diagnosis() == null ? null : state.diagnosis().data();
    return new RunResult(
        scenario.fault(),
        scenario.service(),
        run,
        scenario.expectedClass(),
        true,
        t0,
        state.incident() == null ? null : state.incident().incidentId(),
        issue,
        state.incidents().size(),
        top.map(Suspect::service).orElse(null),
        state.diagnosedFaultClass().orElse(null),
        diagnosis == null ? null : diagnosis.confidence(),
        diagnosis == null ? null : Scenario.normalised(diagnosis.plan().action().name()),
        diagnosis == null ? null : diagnosis.plan().service(),
        state.diagnosisOk(scenario),
        state.actionOk(scenario),
        state.applied() != null,
        state.verified() != null,
        state.escalated(),
        state.postmortem() != null,
        stored,
        closed,
        state.ttd(),
        state.ttdiag(),
        state.ttm(),
        state.ttPostmortem(),
        false,
        0,
        outcome,
        stillOnWhenVerified,
        lead);
  }

  /** The incident ids Scout opened during the run. */
  Set<String> incidentIds() {
    return TimelineConsumer.of(timeline.between(start, end), IncidentOpened.class, e -> true)
        .stream()
        .map(Event::incidentId)
        .collect(Collectors.toSet());
  }
}
