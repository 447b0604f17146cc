package io.srespace.bench.demo;

import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.topics.Principal;
import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.KafkaBroker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo system's footprint: a scratch broker and the three services, their resident memory idle
 * and under the traffic generator's load, and the generator's RESULT line ({@code ./sre-space
 * demo-figures}).
 */
@Command(name = "demo-figures", mixinStandardHelpOptions = true)
public final class DemoFigures implements Callable<Integer> {
  private static final List<String> SERVICES =
      List.of("user-service", "policy-service", "quote-service");

  @Option(names = "--root", defaultValue = ".", description = "the repository")
  Path root;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "load duration (${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "journeys per second (${DEFAULT-VALUE})")
  int rate;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoFigures()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, ServiceProcess> services = new LinkedHashMap<>();
    try (KafkaBroker broker = KafkaBroker.start(BrokerSettings.ephemeral())) {
      System.err.printf("broker ready in %d ms%n", broker.startupTime().toMillis());
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String service : SERVICES) {
        ports.put(service, ServiceProcess.freePort());
      }
      for (String service : SERVICES) {
        Map<String, String> properties = new LinkedHashMap<>(broker.login(Principal.TELEMETRY));
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("demo.admin-token", "figures");
        properties.put(
            "quarkus.rest-client.user-service.url",
            "http://127.0.0.1:" + ports.get("user-service"));
        properties.put(
            "quarkus.rest-client.policy-service.url",
            "http://127.0.0.1:" + ports.get("policy-service"));
        services.put(
            service,
            ServiceProcess.start(
                root.resolve("demo-apps/%s/target/quarkus-app/quarkus-run.jar".formatted(service)),
                ports.get(service),
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                properties));
        System.err.printf("%s ready on port %d%n", service, ports.get(service));
      }
      Thread.sleep(5_000);
      services.forEach(
          (name, process) -> System.out.printf("%s idle RSS: %d MB%n", name, mb(process)));
      Process traffic =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  root.resolve("demo-apps/traffic-generator/target/classes").toString(),
                  "io.srespace.demo.traffic.TrafficGenerator",
                  "--target",
                  services.get("quote-service").url(""),
                  "--rate",
                  String.valueOf(rate),
                  "--duration",
                  String.valueOf(seconds),
                  "--warmup",
                  "10")
              .inheritIO()
              .start();
      int exit = traffic.waitFor();
      services.forEach(
          (name, process) -> System.out.printf("%s RSS under load: %d MB%n", name, mb(process)));
      return exit;
    } finally {
      for (ServiceProcess process : services.values()) {
        process.close();
      }
    }
  }

  private static long mb(ServiceProcess process) {
    return process.residentBytes() / (1024 * 1024);
  }
}
