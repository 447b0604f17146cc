package io.srespace.demo.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.topics.Principal;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The releases of the catalogue, deployed as the GitOps repository does: RELEASE at start. */
@ExtendWith(KafkaBrokerExtension.class)
class ReleasesIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theReleaseThatFailsOnAPathFailsTheSameCustomersAfterARestartToo(KafkaBroker kafka)
      throws Exception {
    List<Integer> first;
    try (ServiceProcess service = start(kafka, "1.6.0")) {
      first = statuses(service, 30);
    }
    assertThat(first).containsOnly(200, 500);
    assertThat(first.stream().filter(status -> status == 500).count()).isBetween(4L, 20L);
    try (ServiceProcess restarted = start(kafka, "1.6.0")) {
      assertThat(statuses(restarted, 30)).isEqualTo(first);
    }
  }

  @Test
  void theGoodReleaseAnswersQuicklyAndTheSlowOneTakesItsTime(KafkaBroker kafka) throws Exception {
    try (ServiceProcess good = start(kafka, "1.4.0")) {
      statuses(good, 3); // warm
      long start = System.nanoTime();
      assertThat(statuses(good, 5)).containsOnly(200);
      assertThat((System.nanoTime() - start) / 1_000_000 / 5).isLessThan(150);
    }
    try (ServiceProcess slow = start(kafka, "1.5.0")) {
      long start = System.nanoTime();
      assertThat(statuses(slow, 5)).containsOnly(200);
      assertThat((System.nanoTime() - start) / 1_000_000 / 5).isGreaterThanOrEqualTo(360);
    }
  }

  private ServiceProcess start(KafkaBroker kafka, String release) throws Exception {
    Map<String, String> settings = new HashMap<>(kafka.login(Principal.TELEMETRY));
    settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    settings.put("RELEASE", release);
    return ServiceProcess.start("96m", settings);
  }

  private List<Integer> statuses(ServiceProcess service, int customers) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 1; i <= customers; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(service.url("/users/c-" + i))).build();
      statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    return statuses;
  }
}
