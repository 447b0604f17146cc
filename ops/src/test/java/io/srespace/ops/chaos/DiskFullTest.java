package io.srespace.ops.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.srespace.events.ChaosEvent;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.ops.stack.DataVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data volume filled from outside, on a real tmpfs of this machine (mounting needs root, as the
 * local stack's volumes do): writes fail until it is cleared, a restart of the writer would find it
 * as full, and both ends are recorded.
 */
class DiskFullTest {
  private final List<ChaosEvent> recorded = new ArrayList<>();
  private final HostChaos chaos = new HostChaos((fact, at) -> recorded.add(fact));
  @TempDir Path home;
  private Path volume;

  @BeforeAll
  static void asRoot() {
    assumeTrue(
        ProcessHandle.current().info().user().map("root"::equals).orElse(false),
        "mounting a volume needs root");
  }

  @BeforeEach
  void mount() throws IOException {
    volume = home.resolve("data/policy-service");
    assertThat(DataVolume.prepare(volume)).isTrue();
    assertThat(DataVolume.prepare(volume)).as("mounted once").isTrue();
  }

  @AfterEach
  void unmount() throws IOException {
    DataVolume.release(volume);
    assertThat(DataVolume.isVolume(volume)).isFalse();
  }

  @Test
  void aFullVolumeFailsEveryNewWriteUntilClearedAndBothEndsAreRecorded() throws IOException {
    Files.writeString(volume.resolve("before.json"), "{}");
    HostChaos.Target target = new HostChaos.Target("policy-service", 1, List::of, volume);

    String done = chaos.inject(Fault.DISK_FULL, target, null);

    assertThat(done).startsWith("filled policy-service's data volume").contains(" MiB ");
    assertThatThrownBy(() -> Files.writeString(volume.resolve("after.json"), "{\"a\":1}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    assertThat(chaos.active(target))
        .singleElement()
        .satisfies(a -> assertThat(a.fault()).isEqualTo(Fault.DISK_FULL));
    assertThatThrownBy(() -> chaos.inject(Fault.DISK_FULL, target, null))
        .hasMessageContaining("full already");

    assertThat(chaos.clear(target, Fault.DISK_FULL))
        .containsExactly("policy-service's data volume has room again");
    Files.writeString(volume.resolve("after.json"), "{\"a\":1}");
    assertThat(chaos.active(target)).isEmpty();
    assertThat(chaos.clear(target, null)).as("nothing left to clear").isEmpty();
    assertThat(recorded)
        .hasSize(2)
        .satisfies(
            facts -> {
              assertThat(facts.get(0))
                  .isInstanceOfSatisfying(
                      FaultInjected.class,
                      f -> {
                        assertThat(f.fault()).isEqualTo(Fault.DISK_FULL);
                        assertThat(f.intensity()).as("MiB written").isGreaterThan(6);
                      });
              assertThat(facts.get(1))
                  .isEqualTo(
                      new FaultCleared("policy-service", Fault.DISK_FULL, "cleared by hand"));
            });
  }

  @Test
  void aServiceWithoutAVolumeOfItsOwnIsNotFilled() {
    HostChaos.Target plain =
        new HostChaos.Target("user-service", 1, List::of, home.resolve("plain"));
    HostChaos.Target none = new HostChaos.Target("quote-service", 1, List::of);

    assertThatThrownBy(() -> chaos.inject(Fault.DISK_FULL, plain, null))
        .hasMessageContaining("user-service keeps no data on a volume of its own");
    assertThatThrownBy(() -> chaos.inject(Fault.DISK_FULL, none, null))
        .hasMessageContaining("quote-service keeps no data on a volume of its own");
    assertThat(recorded).isEmpty();
  }
}
