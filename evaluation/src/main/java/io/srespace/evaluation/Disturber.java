package io.srespace.evaluation;

import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.ops.deadletter.DeadLetters;
import io.srespace.ops.stack.LocalStack;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Carries out a {@link Disturbance} on the running local stack, on a thread of its own so the
 * fault's run goes on being followed, and undoes it: every part it stopped is started again and
 * ready before {@link #undo} returns.
 */
final class Disturber {
  static final Duration CHROMA_DOWN = Duration.ofMinutes(2);
  static final Duration BOARD_LOCKED = Duration.ofMinutes(1);
  private static final Duration READY = Duration.ofSeconds(120);
  private static final byte[] POISON = "not json at all".getBytes(StandardCharsets.UTF_8);

  /** Every topic an agent reads (chaos.faults is the evaluator's alone). */
  static final List<Topic<?, ?>> CONSUMED =
      List.of(
          Topics.OTLP_SPANS,
          Topics.OTLP_METRICS,
          Topics.BUSINESS_EVENTS,
          Topics.SCOUT_ANOMALIES,
          Topics.SCOUT_INCIDENTS,
          Topics.BRAIN_DIAGNOSES,
          Topics.FIXER_ACTIONS,
          Topics.BRAIN_POSTMORTEMS,
          Topics.DEPLOYMENTS);

  private final LocalStack local;
  private final Map<String, Object> admin;
  private final Path board;
  private final Narrator narrator;
  private CompletableFuture<Void> running;
  private Instant startedAt;
  private Disturbance current;

  Disturber(LocalStack local, Map<String, Object> admin, Path board, Narrator narrator) {
    this.local = local;
    this.admin = Map.copyOf(admin);
    this.board = board;
    this.narrator = narrator;
  }

  /** A watcher of the fault's run that starts {@code disturbance} once its moment is reached. */
  FaultRun.Watcher at(Disturbance disturbance) {
    return state -> {
      if (running == null && disturbance.moment().reached(state)) {
        start(disturbance);
      }
    };
  }

  /** Whether the disturbance of the current run was started (its moment came). */
  boolean started() {
    return running != null;
  }

  private void start(Disturbance disturbance) {
    current = disturbance;
    startedAt = Instant.now();
    narrator.say("disturbance %s: %s".formatted(disturbance.name(), disturbance.what()));
    running =
        CompletableFuture.runAsync(
            () -> {
              try {
                carryOut(disturbance.kind());
              } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
            });
  }

  private void carryOut(Disturbance.Kind kind) throws IOException, InterruptedException {
    switch (kind) {
      case POISON -> poison();
      case KILL_SCOUT -> kill("scout");
      case KILL_BRAIN -> kill("brain");
      case KILL_FIXER -> kill("fixer");
      case KILL_MEMORY -> kill("memory");
      case BROKER_RESTART -> restartBroker();
      case CHROMA_DOWN -> stopFor("chroma", CHROMA_DOWN);
      case TRACES_DOWN -> local.supervisor().control("stop", local.traces().part());
      case BOARD_LOCKED -> holdBoardLock();
    }
  }

  /**
   * Waits for the disturbance to end and brings back what it stopped, ready; returns what went
   * wrong doing so (empty when all is back, or nothing was started).
   */
  List<String> undo() throws InterruptedException {
    List<String> problems = new ArrayList<>();
    if (running == null) {
      return problems;
    }
    try {
      running.join();
    } catch (RuntimeException e) {
      problems.add("%s could not be carried out: %s".formatted(current.name(), e.getMessage()));
    }
    for (String part : parts(current.kind())) {
      try {
        if (!local.supervisor().program(part).running()) {
          local.supervisor().control("start", part);
        }
        if (!local.awaitReady(part, READY)) {
          problems.add("%s not ready %d s after %s".formatted(part, READY.toSeconds(), current));
        }
      } catch (IOException e) {
        problems.add("%s could not be started again: %s".formatted(part, e.getMessage()));
      }
    }
    running = null;
    return problems;
  }

  /** When the current disturbance started; null before it did. */
  Instant startedAt() {
    return startedAt;
  }

  /** The topics whose poison record reached their dead-letter topic, of those poisoned. */
  List<String> deadLettered(Instant since) {
    List<String> reached =
        new DeadLetters(admin)
            .since(since).values().stream()
                .flatMap(List::stream)
                .filter(letter -> letter.preview(40).contains("not json at all"))
                .map(letter -> letter.topic())
                .distinct()
                .toList();
    return CONSUMED.stream().map(Topic::name).filter(reached::contains).toList();
  }

  private List<String> parts(Disturbance.Kind kind) {
    return switch (kind) {
      case KILL_SCOUT -> List.of("scout");
      case KILL_BRAIN -> List.of("brain");
      case KILL_FIXER -> List.of("fixer");
      case KILL_MEMORY -> List.of("memory");
      case BROKER_RESTART -> List.of("kafka");
      case CHROMA_DOWN -> List.of("chroma");
      case TRACES_DOWN -> List.of(local.traces().part());
      case POISON, BOARD_LOCKED -> List.of();
    };
  }

  private void poison() {
    try (var producer =
        new KafkaProducer<>(admin, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Topic<?, ?> topic : CONSUMED) {
        producer.send(
            new ProducerRecord<>(
                topic.name(), "resilience".getBytes(StandardCharsets.UTF_8), POISON));
      }
      producer.flush();
    }
  }

  /** kill -9 of an agent's process; supervisord starts it again. */
  private void kill(String agent) throws IOException, InterruptedException {
    long pid = local.supervisor().program(agent).pid();
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      throw new IOException(agent + " is not running (pid " + pid + ")");
    }
    process.get().destroyForcibly();
  }

  private void restartBroker() throws IOException, InterruptedException {
    Path log = local.stack().log("kafka");
    long from = Files.exists(log) ? Files.size(log) : 0;
    local.supervisor().control("restart", "kafka");
    long deadline = System.nanoTime() + READY.toNanos();
    while (!local.ready("kafka", from) && System.nanoTime() < deadline) {
      Thread.sleep(300);
    }
  }

  private void stopFor(String part, Duration down) throws IOException, InterruptedException {
    local.supervisor().control("stop", part);
    Thread.sleep(down.toMillis());
    local.supervisor().control("start", part);
  }

  /** Holds the lock the local board's writers take, as a stuck writer in another process would. */
  private void holdBoardLock() throws IOException, InterruptedException {
    try (FileChannel channel =
            FileChannel.open(
                board.resolve("sre-space.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      Thread.sleep(BOARD_LOCKED.toMillis());
    }
  }
}
