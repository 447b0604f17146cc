package io.srespace.evaluation;

import io.srespace.board.Boards;
import io.srespace.board.IncidentBoard;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.SymptomsCleared;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The end-to-end evaluation and the guided tour: with the stack up, injects each fault through the
 * demo's admin endpoint, follows Scout's, Brain's and Fixer's events against the ground truth on
 * {@code chaos.faults}, checks Memory and the board, repairs, and reports per fault with a RESULT
 * line. It only reads the agents' topics and never writes to any.
 */
public final class Evaluation {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration SETTLE_PROGRESS = Duration.ofSeconds(15);

  private final Settings settings;
  private final Launcher launcher;
  private final Recall recall;
  private final IssueLookup issues;
  private final Narrator narrator;
  private final List<String> problems = new ArrayList<>();
  private TimelineConsumer timeline;

  Evaluation(
      Settings settings, Launcher launcher, Recall recall, IncidentBoard board, PrintStream out) {
    this.settings = settings;
    this.launcher = launcher;
    this.recall = recall;
    this.issues = new IssueLookup(board);
    this.narrator = new Narrator(out, ZoneId.systemDefault());
  }

  public static void main(String[] args) {
    System.exit(execute(List.of(args), System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command line and returns the exit code: 2 for bad arguments, 1 when the evaluation
   * could not run or a tour did not heal every incident, else 0.
   */
  public static int execute(
      List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(Settings.USAGE);
      return 0;
    }
    Settings settings;
    try {
      settings = Settings.parse(args, environment);
    } catch (IllegalArgumentException e) {
      err.println("evaluation: " + e.getMessage());
      err.print(Settings.USAGE);
      return 2;
    }
    Report report;
    try {
      report = run(settings, out);
    } catch (IOException | RuntimeException e) {
      err.println("evaluation: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("evaluation: interrupted");
      return 1;
    }
    return settings.mode() == Settings.Mode.TOUR && !report.healedEndToEnd() ? 1 : 0;
  }

  /** Runs the evaluation against the stack the settings point at, printing to standard output. */
  public static Report run(Settings settings) throws IOException, InterruptedException {
    return run(settings, System.out);
  }

  /**
   * Runs the evaluation against the local stack the settings point at (with the environment's
   * folder and port offset), or the Compose stack ({@code --compose}), printing to {@code out}. For
   * the full evaluation Fixer's limits are raised for its duration and Scout gets {@code
   * SRE_SPACE_WARMUP} seconds (60) of traffic first.
   */
  public static Report run(Settings settings, PrintStream out)
      throws IOException, InterruptedException {
    Map<String, String> environment = System.getenv();
    Narrator narrator = new Narrator(out, ZoneId.systemDefault());
    IncidentBoard board = board(settings, out);
    boolean full = settings.mode() != Settings.Mode.TOUR;
    Duration warmUp =
        Duration.ofSeconds(
            Long.parseLong(environment.getOrDefault("SRE_SPACE_WARMUP", full ? "60" : "0")));
    MemoryApi recall = new MemoryApi(settings.memoryUrl(), settings.memoryApiKey());
    try (RunningStack launcher =
        settings.compose()
            ? ComposeLauncher.of(Stack.compose(settings.root(), environment), environment, narrator)
            : StackLauncher.of(Stack.of(settings.root(), environment), environment, narrator)) {
      if (full) {
        launcher.raiseFixerLimits();
      }
      launcher.letTrafficFlow(warmUp);
      return run(settings, launcher, recall, board, out);
    } finally {
      if (board instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          out.println("evaluation: closing the board: " + e.getMessage());
        }
      }
    }
  }

  /**
   * Runs the evaluation with the given ports: how the system is acted on, Memory's recall and the
   * board (null when there is none).
   */
  public static Report run(
      Settings settings, Launcher launcher, Recall recall, IncidentBoard board, PrintStream out)
      throws IOException, InterruptedException {
    List<List<Scenario>> cases = Scenario.cases(settings.root(), settings.faults());
    return new Evaluation(settings, launcher, recall, board, out).run(cases);
  }

  static IncidentBoard board(Settings settings, PrintStream out) {
    if (settings.github().isEmpty() && !Files.isDirectory(settings.board())) {
      out.println(
          "evaluation: no board at %s: issues cannot be checked".formatted(settings.board()));
      return null;
    }
    return Boards.incidentBoard(settings.github(), settings.board(), "evaluation");
  }

  private Report run(List<List<Scenario>> cases) throws InterruptedException {
    Instant started = Instant.now();
    List<RunResult> results = new ArrayList<>();
    List<String> falseIncidents;
    introduce();
    begin(started);
    try {
      falseIncidents = control();
      evaluate(cases, results);
    } finally {
      end();
    }
    Report report =
        new Report(
            settings.mode().id(),
            started,
            Instant.now(),
            settings.control().toMillis() / 60_000.0,
            falseIncidents,
            List.copyOf(results),
            List.copyOf(problems),
            Report.Summary.of(
                results, falseIncidents.size(), settings.mode() == Settings.Mode.MATRIX));
    print(report);
    return report;
  }

  private void introduce() {
    narrator.say(
        "%s: %d run(s) of %s; Kafka %s, Memory %s, board %s"
            .formatted(
                settings.mode().id(),
                settings.runs(),
                String.join(", ", settings.faults()),
                settings.kafka(),
                settings.memoryUrl(),
                settings
                    .github()
                    .map(g -> "GitHub " + g.repository())
                    .orElse(settings.board().toString())));
  }

  private void evaluate(List<List<Scenario>> cases, List<RunResult> results)
      throws InterruptedException {
    for (int run = 1; run <= settings.runs(); run++) {
      for (List<Scenario> scenarios : cases) {
        List<Done> done =
            scenarios.size() == 1
                ? List.of(runOnce(scenarios.get(0), run, FaultRun.Watcher.NONE))
                : runTogether(scenarios, run);
        done.forEach(d -> results.add(d.result()));
        if (done.stream().anyMatch(d -> !d.repaired())) {
          return;
        }
      }
    }
  }

  /**
   * Overlapping faults: each injected the limits' overlap gap after the one before, while that one
   * is being handled, and followed on its own (its incident is the first that names its service);
   * then one repair and one settle for them all. Each is a result of its own.
   */
  List<Done> runTogether(List<Scenario> scenarios, int run) throws InterruptedException {
    narrator.plain("");
    narrator.say(
        "── %d overlapping faults (run %d of %d), %d s apart: %s"
            .formatted(
                scenarios.size(),
                run,
                settings.runs(),
                settings.limits().overlapGap().toSeconds(),
                scenarios.stream()
                    .map(s -> s.fault() + " → " + s.service() + ": expect " + s.expectation())
                    .collect(Collectors.joining("; "))));
    List<FaultRun> faultRuns = new ArrayList<>();
    List<Future<RunResult>> following = new ArrayList<>();
    ExecutorService followers = Executors.newFixedThreadPool(scenarios.size());
    List<RunResult> results = new ArrayList<>();
    try {
      for (Scenario scenario : scenarios) {
        if (!following.isEmpty()) {
          Thread.sleep(settings.limits().overlapGap().toMillis());
        }
        FaultRun faultRun =
            faultRun(scenario, run, FaultRun.Watcher.NONE)
                .overlapping(
                    scenarios.stream()
                        .filter(other -> other != scenario)
                        .map(Scenario::service)
                        .collect(Collectors.toSet()));
        faultRuns.add(faultRun);
        following.add(followers.submit(faultRun::execute));
      }
      for (Future<RunResult> future : following) {
        results.add(future.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("an overlapping fault's run failed", e.getCause());
    } finally {
      followers.shutdownNow();
    }
    return afterRuns(
        faultRuns,
        results,
        scenarios.stream().map(Scenario::fault).collect(Collectors.joining("+")),
        run);
  }

  /** One run, its events on the timeline (from {@code start} to {@code end}) and the repair's. */
  record Done(RunResult result, int start, int end, Set<String> incidentIds, boolean repaired) {}

  /** Starts following the timeline, and waits for the system to settle first. */
  void begin(Instant started) throws InterruptedException {
    timeline =
        TimelineConsumer.follow(
            settings.evaluatorKafka(), started.minus(settings.limits().lookback()));
    settle(timeline.size(), Set.of(), "before the first fault");
  }

  TimelineConsumer timeline() {
    return timeline;
  }

  void end() throws InterruptedException {
    timeline.close();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Injects the scenario's fault, follows it (telling {@code watcher} its progress), repairs and
   * settles. When the repair failed twice, the next runs should not start.
   */
  Done runOnce(Scenario scenario, int run, FaultRun.Watcher watcher) throws InterruptedException {
    narrator.plain("");
    narrator.say(
        "── %s → %s (run %d of %d): expect %s"
            .formatted(
                scenario.fault(),
                scenario.service(),
                run,
                settings.runs(),
                scenario.expectation()));
    FaultRun faultRun = faultRun(scenario, run, watcher);
    RunResult result = faultRun.execute();
    return afterRuns(List.of(faultRun), List.of(result), scenario.fault(), run).get(0);
  }

  /**
   * After the runs ({@code what}: their faults): repairs, settles, and gives each result with its
   * span of the timeline; when the repair failed twice, says so (the next runs should not start).
   */
  private List<Done> afterRuns(
      List<FaultRun> faultRuns, List<RunResult> results, String what, int run)
      throws InterruptedException {
    boolean repaired = repair();
    int end = faultRuns.stream().mapToInt(FaultRun::end).max().orElse(timeline.size());
    Set<String> incidentIds = new HashSet<>();
    faultRuns.forEach(f -> incidentIds.addAll(f.incidentIds()));
    List<String> repairIncidents = settle(end, incidentIds, "after the repair");
    List<Done> done = new ArrayList<>();
    for (int i = 0; i < faultRuns.size(); i++) {
      done.add(
          new Done(
              results.get(i).afterRepair(repaired, repairIncidents.size()),
              faultRuns.get(i).start(),
              faultRuns.get(i).end(),
              faultRuns.get(i).incidentIds(),
              repaired));
    }
    if (!repaired) {
      problems.add(
          "the repair after %s run %d failed twice; the remaining runs were skipped"
              .formatted(what, run));
      narrator.say("repair failed twice: stopping here");
    }
    return done;
  }

  private FaultRun faultRun(Scenario scenario, int run, FaultRun.Watcher watcher) {
    return new FaultRun(
        scenario, run, timeline, launcher, recall, issues, settings.limits(), narrator, watcher);
  }

  /** Repairs the system through the launcher, once more if the first attempt fails. */
  private boolean repair() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      Launcher.Result result = launcher.repair();
      narrator.say("repair: " + result.describe());
      if (result.ok()) {
        return true;
      }
      problems.add("repair attempt %d: %s".formatted(attempt, result.describe()));
    }
    return false;
  }

  /**
   * Fault-free minutes: every incident opened in them is a false one. Returns their descriptions.
   */
  private List<String> control() throws InterruptedException {
    if (settings.control().isZero()) {
      return List.of();
    }
    int from = timeline.size();
    Instant end = Instant.now().plus(settings.control());
    narrator.say(
        "control: %.1f fault-free minute(s); every incident opened now is a false one"
            .formatted(settings.control().toMillis() / 60_000.0));
    Set<String> told = new HashSet<>();
    Instant nextProgress = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(end)) {
      int known = timeline.size();
      for (Event<IncidentOpened> opened :
          TimelineConsumer.of(timeline.since(from), IncidentOpened.class, e -> true)) {
        if (told.add(opened.incidentId())) {
          narrator.say(
              "false incident %s: %s %s"
                  .formatted(opened.incidentId(), opened.data().title(), opened.data().services()));
        }
      }
      if (Instant.now().isAfter(nextProgress)) {
        narrator.say("control: %d false incident(s) so far".formatted(told.size()));
        nextProgress = nextProgress.plusSeconds(60);
      }
      long left = Duration.between(Instant.now(), end).toMillis();
      timeline.awaitMore(known, Duration.ofMillis(Math.max(1, Math.min(left, POLL.toMillis()))));
    }
    List<String> found =
        TimelineConsumer.of(timeline.since(from), IncidentOpened.class, e -> true).stream()
            .filter(e -> !e.occurredAt().isAfter(end))
            .map(e -> e.incidentId() + ": " + e.data().title())
            .toList();
    narrator.say("control: %d false incident(s)".formatted(found.size()));
    settle(timeline.size(), Set.of(), "after the control period");
    return found;
  }

  /**
   * Waits until no incident is open and none has been opened for the quiet time; returns the
   * incidents opened from timeline index {@code from} on that are not among {@code known}.
   */
  private List<String> settle(int from, Set<String> known, String when)
      throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(settings.limits().settle());
    Instant nextProgress = start.plus(SETTLE_PROGRESS);
    Set<String> open;
    while (true) {
      int size = timeline.size();
      List<Event<EventPayload>> events = timeline.since(0);
      open = openIncidents(events);
      Instant quietSince =
          TimelineConsumer.of(timeline.since(from), IncidentOpened.class, e -> true).stream()
              .map(Event::occurredAt)
              .max(Comparator.naturalOrder())
              .filter(at -> at.isAfter(start))
              .orElse(start);
      Instant now = Instant.now();
      if (open.isEmpty() && !now.isBefore(quietSince.plus(settings.limits().quiet()))) {
        break;
      }
      if (now.isAfter(deadline)) {
        String problem =
            "%s: incidents still open after %d s: %s"
                .formatted(when, settings.limits().settle().toSeconds(), open);
        problems.add(problem);
        narrator.say(problem);
        break;
      }
      if (now.isAfter(nextProgress)) {
        narrator.say("settling %s: open incident(s) %s".formatted(when, open));
        nextProgress = now.plus(SETTLE_PROGRESS);
      }
      timeline.awaitMore(size, POLL);
    }
    List<String> extra =
        TimelineConsumer.of(
                timeline.since(from), IncidentOpened.class, e -> !known.contains(e.incidentId()))
            .stream()
            .map(e -> e.incidentId() + ": " + e.data().title())
            .toList();
    narrator.say(
        "settled %s in %.1f s%s"
            .formatted(
                when,
                RunState.seconds(start, Instant.now()),
                extra.isEmpty() ? "" : "; incident(s) opened meanwhile: " + extra));
    return extra;
  }

  /** Incidents opened and neither cleared by Scout nor written up by Brain. */
  private static Set<String> openIncidents(List<Event<EventPayload>> events) {
    Set<String> open = new HashSet<>();
    TimelineConsumer.of(events, IncidentOpened.class, e -> true)
        .forEach(e -> open.add(e.incidentId()));
    TimelineConsumer.of(events, SymptomsCleared.class, e -> true)
        .forEach(e -> open.remove(e.incidentId()));
    TimelineConsumer.of(events, PostmortemWritten.class, e -> true)
        .forEach(e -> open.remove(e.incidentId()));
    return open;
  }

  private void print(Report report) {
    narrator.plain("");
    report.table().forEach(narrator::plain);
    report.summary().leakLine().ifPresent(narrator::plain);
    if (!report.falseIncidents().isEmpty()) {
      narrator.plain("false incidents (control): " + report.falseIncidents());
    }
    report.problems().forEach(problem -> narrator.plain("problem: " + problem));
    if (timeline.undecodable() > 0) {
      narrator.plain("records that were not events (skipped): " + timeline.undecodable());
    }
    try {
      report.write(settings.json());
      narrator.plain("report: " + settings.json());
    } catch (IOException e) {
      narrator.plain("report not written to %s: %s".formatted(settings.json(), e.getMessage()));
    }
    narrator.plain(report.summary().resultLine());
  }
}
