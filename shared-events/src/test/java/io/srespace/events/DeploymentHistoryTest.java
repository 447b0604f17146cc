package io.srespace.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentHistoryTest {
  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

  @Test
  void findsTheServicesDeploymentsInAWindowNewestFirstAndEachOnce() {
    DeploymentHistory history = new DeploymentHistory();
    assertThat(history.add(T0, release("c1", "3.1.0", "3.3.0"))).isTrue();
    assertThat(history.add(T0.plusSeconds(60), release("c2", "3.3.0", "3.1.0"))).isTrue();
    assertThat(history.add(T0.plusSeconds(90), release("c1", "3.1.0", "3.3.0"))).isFalse();
    history.add(T0.plusSeconds(30), deployment("user-service", "c3", "RELEASE", "1.4.0", "1.5.0"));

    assertThat(history.between("policy-service", T0, T0.plusSeconds(60)))
        .extracting(d -> d.change().commit())
        .containsExactly("c2", "c1");
    assertThat(history.between("policy-service", T0.plusSeconds(1), T0.plusSeconds(59))).isEmpty();
    assertThat(history.find("policy-service", "c1")).isPresent();
    assertThat(history.find("user-service", "c1")).isEmpty();
  }

  @Test
  void deploymentsOfServicesItDoesNotKnowAreNotKept() {
    DeploymentHistory history = new DeploymentHistory(service -> service.endsWith("-service"));

    assertThat(history.add(T0, deployment("x".repeat(200), "c9", "RELEASE", "1", "2"))).isFalse();
    assertThat(history.add(T0, release("c1", "3.1.0", "3.3.0"))).isTrue();
    assertThat(history.find("x".repeat(200), "c9")).isEmpty();
  }

  @Test
  void aDeploymentThatPutsBackWhatRanBeforeIsARollback() {
    DeploymentHistory history = new DeploymentHistory();
    history.add(T0, release("bad", "3.1.0", "3.3.0"));
    history.add(T0.plusSeconds(60), release("back", "3.3.0", "3.1.0"));
    history.add(T0.plusSeconds(120), release("new", "3.1.0", "3.2.0"));

    assertThat(history.restores(history.find("policy-service", "back").orElseThrow())).isTrue();
    assertThat(history.restores(history.find("policy-service", "bad").orElseThrow())).isFalse();
    assertThat(history.restores(history.find("policy-service", "new").orElseThrow()))
        .as("3.1.0 → 3.2.0 puts nothing back")
        .isFalse();
  }

  @Test
  void deployingAgainAReleaseThatWasRolledBackIsAChangeNotARollback() {
    DeploymentHistory history = new DeploymentHistory();
    history.add(T0, release("bad", "3.1.0", "3.3.0"));
    history.add(T0.plusSeconds(60), release("revert", "3.3.0", "3.1.0"));
    history.add(T0.plusSeconds(600), release("again", "3.1.0", "3.3.0"));
    history.add(T0.plusSeconds(660), release("revert-again", "3.3.0", "3.1.0"));

    assertThat(history.restores(history.find("policy-service", "revert").orElseThrow())).isTrue();
    assertThat(history.restores(history.find("policy-service", "again").orElseThrow())).isFalse();
    assertThat(history.restores(history.find("policy-service", "revert-again").orElseThrow()))
        .isTrue();
  }

  @Test
  void keepsTheNewestDeploymentsOfEachService() {
    DeploymentHistory history = new DeploymentHistory();
    for (int i = 0; i < DeploymentHistory.PER_SERVICE + 5; i++) {
      history.add(T0.plusSeconds(i), release("c" + i, "a" + i, "b" + i));
    }
    assertThat(history.between("policy-service", T0, T0.plusSeconds(1000)))
        .hasSize(DeploymentHistory.PER_SERVICE);
    assertThat(history.find("policy-service", "c0")).isEmpty();
  }

  private static DeploymentChanged release(String commit, String from, String to) {
    return deployment("policy-service", commit, "RELEASE", from, to);
  }

  private static DeploymentChanged deployment(
      String service, String commit, String key, String from, String to) {
    return new DeploymentChanged(
        service,
        commit,
        List.of(new ConfigChange(service + ".env", key, from, to)),
        "operator",
        "release");
  }
}
