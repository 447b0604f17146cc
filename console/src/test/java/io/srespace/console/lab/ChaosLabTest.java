package io.srespace.console.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.console.Refused;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chaos lab switched on, with a service that is not running: every refusal has its status and
 * reason. (Off, over HTTP: {@code ConsoleServiceTest}; faults injected into running services from
 * the page: {@code LocalStackIT}.)
 */
class ChaosLabTest {
  private record Settings(boolean enabled, Optional<String> token, Optional<List<String>> services)
      implements ChaosLabConfig {}

  private static ChaosLab labOn() throws IOException {
    return new ChaosLab(
        new Settings(
            true,
            Optional.of("lab-test-token"),
            Optional.of(List.of("user-service=http://127.0.0.1:" + closedPort()))));
  }

  @Test
  void offRefusesEverythingAndAsksNoService() {
    ChaosLab lab = new ChaosLab(new Settings(false, Optional.of("t"), Optional.empty()));

    assertThat(lab.offer().enabled()).isFalse();
    assertThat(lab.offer().why()).contains("console.chaos-lab.enabled=true");
    assertThatThrownBy(() -> lab.inject("user-service", "latency", null))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void onWithoutATokenIsStillOff() {
    ChaosLab lab =
        new ChaosLab(new Settings(true, Optional.of(" "), Optional.of(List.of("a=http://x"))));

    assertThat(lab.off()).get().asString().contains("holds no admin token");
  }

  @Test
  void aServiceThatIsNotAnsweringIsSaidSo() throws IOException {
    ChaosLab lab = labOn();

    ChaosLab.Offer offer = lab.offer();
    assertThat(offer.enabled()).isTrue();
    assertThat(offer.services())
        .singleElement()
        .satisfies(
            service -> {
              assertThat(service.service()).isEqualTo("user-service");
              assertThat(service.error()).contains("user-service is not answering");
            });
    assertThatThrownBy(() -> lab.inject("user-service", "latency", 60L))
        .isInstanceOfSatisfying(
            Refused.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.getMessage()).contains("user-service is not answering");
            });
  }

  @Test
  void anUnknownServiceFaultOrDurationIsA400() throws IOException {
    ChaosLab lab = labOn();

    assertThatThrownBy(() -> lab.inject("payments", "latency", null))
        .hasMessageContaining("knows no service 'payments' (known: user-service)")
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> lab.clear("user-service", "meteor"))
        .hasMessageContaining("no fault named 'meteor'");
    assertThatThrownBy(() -> lab.inject("user-service", "latency", 0L))
        .hasMessageContaining("1 to 3600 seconds");
    assertThatThrownBy(() -> lab.inject("user-service", "x".repeat(5000), null))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
  }

  @Test
  void aListingKeepsOnlyKnownFaultsAndCutsLongText() throws Exception {
    String listing =
        """
        [{"fault":"latency","active":true,"symptom":"%s"},
         {"fault":"meteor","active":true,"symptom":"no such fault"},
         {"fault":"kill","active":false}]
        """
            .formatted("slow ".repeat(100));

    List<ChaosLab.FaultOffer> faults = ChaosLab.faults(listing);

    assertThat(faults).extracting(ChaosLab.FaultOffer::fault).containsExactly("latency", "kill");
    assertThat(faults.get(0).active()).isTrue();
    assertThat(faults.get(0).symptom()).hasSizeLessThanOrEqualTo(201);
    assertThatThrownBy(() -> ChaosLab.faults("<html>")).hasMessageContaining("not JSON");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
