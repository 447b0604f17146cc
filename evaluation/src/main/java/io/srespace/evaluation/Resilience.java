package io.srespace.evaluation;

import io.srespace.board.IncidentBoard;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationApplied;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sre-space resilience}: with traffic on, runs each fault of the catalogue once
 * undisturbed, then once per {@link Disturbance} with the loop itself disturbed meanwhile, and
 * counts what a disturbance cost: incidents lost, actions taken twice, post-mortems lost, consumers
 * stopped, and the healing time against the undisturbed run. {@code --soak M} then injects a fault
 * every few minutes for M minutes while it samples every agent's memory.
 */
@Command(
    name = "resilience",
    mixinStandardHelpOptions = true,
    description = "Disturbs the healing loop while real faults run, and counts what it cost.")
public final class Resilience implements Callable<Integer> {
  private static final Duration GROUPS_SETTLE = Duration.ofSeconds(90);
  private static final Duration POSTMORTEM_WAIT = Duration.ofSeconds(90);

  @Option(names = "--root", defaultValue = ".", description = "the repository (default: .)")
  String root;

  @Option(
      names = "--only",
      split = ",",
      description = "the disturbances to run (default: all): ${COMPLETION-CANDIDATES}")
  List<String> only;

  @Option(
      names = "--soak",
      defaultValue = "0",
      description = "then a soak of this many minutes: a fault every few minutes, memory sampled")
  int soakMinutes;

  @Option(names = "--skip-disturbances", description = "only the soak (with --soak)")
  boolean skipDisturbances;

  /** One disturbance's line of the table. */
  record Row(
      Disturbance disturbance,
      RunResult result,
      Double undisturbedSeconds,
      int actions,
      int postmortemsLost,
      List<String> consumersStopped,
      List<String> notes) {

    boolean lost() {
      return !result.verified() && !result.escalated();
    }

    int doubleActions() {
      return Math.max(0, actions - 1);
    }

    /** Disturbed healing time over undisturbed; null when either run did not heal. */
    Double ratio() {
      return result.ttm() == null || undisturbedSeconds == null || undisturbedSeconds <= 0
          ? null
          : result.ttm() / undisturbedSeconds;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Resilience()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (soakMinutes < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--soak must be 0 or more minutes, was " + soakMinutes);
    }
    List<Disturbance> disturbances =
        skipDisturbances
            ? List.of()
            : only == null ? Disturbance.CATALOGUE : Disturbance.named(only);
    PrintStream out = System.out;
    Map<String, String> environment = System.getenv();
    List<String> faults = new ArrayList<>(Disturbance.faults(disturbances));
    Soak.FAULTS.stream().filter(f -> soakMinutes > 0 && !faults.contains(f)).forEach(faults::add);
    if (faults.isEmpty()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "nothing to do: no disturbance and no soak");
    }
    Settings settings =
        Settings.parse(
            List.of("--mode", "tour", "--root", root, "--faults", String.join(",", faults)),
            environment);
    Narrator narrator = new Narrator(out, ZoneId.systemDefault());
    Stack stack = Stack.of(settings.root(), environment);
    Map<String, Object> admin =
        KafkaClients.config(
            stack.bootstrap(),
            Access.ADMIN,
            Credentials.existingPassword(stack.credentials(), Access.ADMIN));
    IncidentBoard board = Evaluation.board(settings, out);
    LocalStack local = new LocalStack(stack, environment, System.err);
    MemoryApi memory = new MemoryApi(settings.memoryUrl(), settings.memoryApiKey());
    try (StackLauncher launcher = StackLauncher.of(stack, environment, narrator)) {
      launcher.raiseFixerLimits();
      launcher.letTrafficFlow(
          Duration.ofSeconds(Long.parseLong(environment.getOrDefault("SRE_SPACE_WARMUP", "60"))));
      Evaluation evaluation = new Evaluation(settings, launcher, memory, board, out);
      Map<String, Scenario> scenarios = new LinkedHashMap<>();
      Scenario.load(settings.root(), faults).forEach(s -> scenarios.put(s.fault(), s));
      evaluation.begin(Instant.now());
      try {
        if (!disturbances.isEmpty()) {
          List<Row> rows =
              disturb(
                  disturbances,
                  scenarios,
                  evaluation,
                  new Disturber(local, admin, settings.board(), narrator),
                  new ConsumerGroups(admin, ConsumerGroups.AGENTS),
                  memory,
                  narrator);
          print(rows, evaluation.problems(), narrator);
        }
        if (soakMinutes > 0) {
          new Soak(local, evaluation, scenarios, narrator, stack.home())
              .run(Duration.ofMinutes(soakMinutes));
        }
      } finally {
        evaluation.end();
      }
    }
    return 0;
  }

  private static List<Row> disturb(
      List<Disturbance> disturbances,
      Map<String, Scenario> scenarios,
      Evaluation evaluation,
      Disturber disturber,
      ConsumerGroups groups,
      Recall memory,
      Narrator narrator)
      throws InterruptedException {
    Map<String, Double> undisturbed = new LinkedHashMap<>();
    for (String fault : Disturbance.faults(disturbances)) {
      narrator.say("undisturbed run of %s, to compare with".formatted(fault));
      Evaluation.Done done = evaluation.runOnce(scenarios.get(fault), 1, FaultRun.Watcher.NONE);
      undisturbed.put(fault, done.result().ttm());
    }
    List<Row> rows = new ArrayList<>();
    for (Disturbance disturbance : disturbances) {
      Instant from = Instant.now();
      Evaluation.Done done =
          evaluation.runOnce(scenarios.get(disturbance.fault()), 1, disturber.at(disturbance));
      List<String> notes = new ArrayList<>();
      if (!disturber.started()) {
        notes.add("its moment (%s) never came".formatted(disturbance.moment().id()));
      }
      notes.addAll(disturber.undo());
      List<Event<EventPayload>> events = evaluation.timeline().since(done.start());
      if (disturbance.kind() == Disturbance.Kind.POISON) {
        List<String> reached = disturber.deadLettered(from);
        notes.add(
            "dead-lettered on %d of %d topics"
                .formatted(reached.size(), Disturber.CONSUMED.size()));
      }
      notes.addAll(otherIncidents(events, done));
      List<String> stopped = groups.stopped(GROUPS_SETTLE);
      Row row =
          new Row(
              disturbance,
              done.result(),
              undisturbed.get(disturbance.fault()),
              actions(events, done),
              postmortemsLost(events, done, memory),
              stopped,
              notes);
      narrator.say(
          "%s: %s; %d action(s), %d post-mortem(s) lost, consumers stopped: %s%s"
              .formatted(
                  disturbance.name(),
                  done.result().outcome(),
                  row.actions(),
                  row.postmortemsLost(),
                  stopped.isEmpty() ? "none" : stopped,
                  notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
      rows.add(row);
    }
    return rows;
  }

  /** Fixer's actions carried out on the faulted service for the run's incidents: one fault, one. */
  private static int actions(List<Event<EventPayload>> events, Evaluation.Done done) {
    return (int)
        TimelineConsumer.of(
                events,
                RemediationApplied.class,
                e ->
                    done.incidentIds().contains(e.incidentId())
                        && e.data().service().equals(done.result().service()))
            .stream()
            .map(e -> e.data().actionId())
            .distinct()
            .count();
  }

  /** The run's other incidents, as "title → action on service" (or "→ no action"). */
  private static List<String> otherIncidents(
      List<Event<EventPayload>> events, Evaluation.Done done) {
    List<String> others = new ArrayList<>();
    for (Event<IncidentOpened> opened :
        TimelineConsumer.of(
            events,
            IncidentOpened.class,
            e ->
                done.incidentIds().contains(e.incidentId())
                    && !e.incidentId().equals(done.result().incidentId()))) {
      List<String> acted =
          TimelineConsumer.of(
                  events, RemediationApplied.class, e -> e.incidentId().equals(opened.incidentId()))
              .stream()
              .map(e -> e.data().action().id() + " " + e.data().service())
              .distinct()
              .toList();
      others.add(
          "another incident: %s → %s"
              .formatted(
                  opened.data().title(), acted.isEmpty() ? "no action" : String.join(", ", acted)));
    }
    return others;
  }

  /**
   * Verified incidents of the run whose post-mortem was not written, or is not in Memory within
   * {@link #POSTMORTEM_WAIT} after every disturbed part is back.
   */
  private static int postmortemsLost(
      List<Event<EventPayload>> events, Evaluation.Done done, Recall memory)
      throws InterruptedException {
    List<Event<PostmortemWritten>> written =
        TimelineConsumer.of(
            events, PostmortemWritten.class, e -> done.incidentIds().contains(e.incidentId()));
    int lost = done.result().verified() && written.isEmpty() ? 1 : 0;
    for (Event<PostmortemWritten> postmortem : written) {
      if (!remembered(postmortem, memory)) {
        lost++;
      }
    }
    return lost;
  }

  private static boolean remembered(Event<PostmortemWritten> postmortem, Recall memory)
      throws InterruptedException {
    long deadline = System.nanoTime() + POSTMORTEM_WAIT.toNanos();
    do {
      try {
        if (memory.remembers(postmortem.incidentId(), postmortem.data())) {
          return true;
        }
      } catch (IOException e) {
        // Memory or Chroma still coming back: asked again.
      }
      Thread.sleep(2_000);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private static void print(List<Row> rows, List<String> problems, Narrator narrator) {
    narrator.plain("");
    narrator.plain(
        "%-15s %-9s %-9s %-9s %7s %7s %6s %8s %9s %s"
            .formatted(
                "disturbance",
                "fault",
                "at",
                "outcome",
                "heal_s",
                "undist",
                "ratio",
                "actions",
                "pm_lost",
                "consumers stopped / notes"));
    for (Row row : rows) {
      List<String> remarks = new ArrayList<>(row.consumersStopped());
      remarks.addAll(row.notes());
      narrator.plain(
          "%-15s %-9s %-9s %-9s %7s %7s %6s %8d %9d %s"
              .formatted(
                  row.disturbance().name(),
                  row.disturbance().fault(),
                  row.disturbance().moment().id(),
                  row.lost() ? "LOST" : row.result().verified() ? "healed" : "escalated",
                  seconds(row.result().ttm()),
                  seconds(row.undisturbedSeconds()),
                  row.ratio() == null ? "-" : "%.2f".formatted(row.ratio()),
                  row.actions(),
                  row.postmortemsLost(),
                  remarks.isEmpty() ? "-" : String.join("; ", remarks)));
    }
    problems.forEach(problem -> narrator.plain("problem: " + problem));
    narrator.plain(resultLine(rows));
  }

  static String resultLine(List<Row> rows) {
    double worst =
        rows.stream().map(Row::ratio).filter(r -> r != null).mapToDouble(r -> r).max().orElse(0);
    return "RESULT disturbances=%d lost=%d double_actions=%d postmortems_lost=%d consumers_stopped=%d heal_ratio_max=%.2f"
        .formatted(
            rows.size(),
            rows.stream().filter(Row::lost).count(),
            rows.stream().mapToInt(Row::doubleActions).sum(),
            rows.stream().mapToInt(Row::postmortemsLost).sum(),
            rows.stream().mapToInt(r -> r.consumersStopped().size()).sum(),
            worst);
  }

  private static String seconds(Double value) {
    return value == null ? "-" : "%.1f".formatted(value);
  }
}
