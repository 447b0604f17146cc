package io.srespace.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.ChaosEvent;
import io.srespace.events.Event;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lasting fault is on again in the service's next process; a fault of the JVM's is not. */
class FaultSwitchboardTest {
  @TempDir Path deployment;
  private final List<ChaosEvent> published = new ArrayList<>();

  @Test
  void aLastingFaultOutlivesTheProcessAndAFaultOfTheJvmDoesNot() {
    SlowQueries slow = new SlowQueries();
    LatencyFault latency = new LatencyFault();
    FaultSwitchboard first = board(slow, latency);
    first.inject(Fault.DB_POOL, 300.0, null);
    first.inject(Fault.LATENCY, 500.0, null);

    // The next process of the service: new switches, the same deployment.
    SlowQueries slowAgain = new SlowQueries();
    LatencyFault latencyAgain = new LatencyFault();
    FaultSwitchboard next = board(slowAgain, latencyAgain);

    assertThat(slowAgain.holdMillis).as("the database is still slow").isEqualTo(300);
    assertThat(next.states())
        .filteredOn(FaultState::active)
        .extracting(FaultState::fault, FaultState::intensity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Fault.DB_POOL, 300.0));
    assertThat(published)
        .as("nothing was injected or cleared by the restart itself")
        .extracting(Object::getClass)
        .containsExactly(FaultInjected.class, FaultInjected.class);

    next.clear(Fault.DB_POOL, "by hand");
    assertThat(slowAgain.holdMillis).isZero();
    assertThat(board(new SlowQueries(), new LatencyFault()).states())
        .filteredOn(FaultState::active)
        .as("cleared for good")
        .isEmpty();
  }

  @Test
  void aLastingFaultWhoseDurationRanOutWhileDownIsClearedOnStartAndSaysSo() throws Exception {
    // Written by a process that ended before its fault's two minutes were up, ten minutes ago.
    Instant ago = Instant.now().minus(Duration.ofMinutes(10));
    Files.writeString(
        deployment.resolve("policy-service.faults"),
        "db-pool 300.0 %s %s%n".formatted(ago, ago.plus(Duration.ofMinutes(2))));

    SlowQueries slow = new SlowQueries();
    board(slow, new LatencyFault());

    assertThat(slow.holdMillis).isZero();
    assertThat(published)
        .containsExactly(
            new FaultCleared(
                "policy-service",
                Fault.DB_POOL,
                "its duration ran out while the service was down"));
  }

  @Test
  void aLineThatIsNotALastingFaultIsSkipped() throws Exception {
    Files.writeString(
        deployment.resolve("policy-service.faults"),
        "latency 500.0 2026-12-04T06:00:00Z -\nnonsense\ndb-pool 250.0 2026-12-04T06:00:00Z -\n");
    SlowQueries slow = new SlowQueries();
    FaultSwitchboard board = board(slow, new LatencyFault());
    assertThat(slow.holdMillis).isEqualTo(250);
    assertThat(board.states()).filteredOn(FaultState::active).hasSize(1);
  }

  @Test
  void aLeakSaysWhenItsHeapWouldRunOutAndNothingOnceCleared() {
    MemoryLeakFault leak = new MemoryLeakFault();
    FaultSwitchboard board = board(leak);
    Instant asked = Instant.now();
    long room = MemoryLeakFault.heapRoom();

    FaultState injected = board.inject(Fault.MEMORY_LEAK, 1.0, null);

    // At 1 MB a second, the heap's room lasts as many seconds as it holds megabytes.
    Instant expected = asked.plusMillis(room * 1000 / (1024 * 1024));
    assertThat(injected.downAt()).isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
    assertThat(leakState(board).downAt()).isBefore(injected.downAt().plusSeconds(1));
    board.clear(Fault.MEMORY_LEAK, "by hand");
    assertThat(leakState(board).downAt()).isNull();
  }

  private static FaultState leakState(FaultSwitchboard board) {
    return board.states().stream()
        .filter(state -> state.fault() == Fault.MEMORY_LEAK)
        .findFirst()
        .orElseThrow();
  }

  private FaultSwitchboard board(FaultSwitch... switches) {
    return new FaultSwitchboard(
        List.of(switches),
        (Event<ChaosEvent> event) -> published.add(event.data()),
        "policy-service",
        Optional.of(deployment));
  }

  /** A condition of the database, as policy-service's pool fault is. */
  private static final class SlowQueries implements FaultSwitch {
    long holdMillis;

    @Override
    public Fault fault() {
      return Fault.DB_POOL;
    }

    @Override
    public String symptom() {
      return "queries hold their connections";
    }

    @Override
    public double defaultIntensity() {
      return 250;
    }

    @Override
    public String intensityUnit() {
      return "ms per query";
    }

    @Override
    public void turnOn(double intensity) {
      holdMillis = Math.round(intensity);
    }

    @Override
    public void turnOff() {
      holdMillis = 0;
    }

    @Override
    public boolean survivesRestart() {
      return true;
    }
  }
}
