package io.srespace.ops.stack;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's supervisord configuration, prepared from the repository's real files. */
class StackConfTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path home;

  private LocalStack prepared(Map<String, String> environment) throws Exception {
    Path root = home.resolve("repo");
    Files.createDirectories(root.resolve("infra/kafka-broker/target"));
    Files.writeString(root.resolve("infra/kafka-broker/target/runtime-classpath.txt"), "/k.jar\n");
    Files.copy(REPOSITORY.resolve(".env"), root.resolve(".env"), REPLACE_EXISTING);
    Files.copy(
        REPOSITORY.resolve("infra/topology.yaml"),
        root.resolve("infra/topology.yaml"),
        REPLACE_EXISTING);
    Files.createDirectories(root.resolve("infra/gitops"));
    Files.writeString(
        root.resolve("infra/gitops/policy-service.env"), "PRICING_ACCEPTANCE_LIMIT=0.8\n");
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.put("SRE_SPACE_HOME", home.resolve("stack").toString());
    all.put("SRE_SPACE_PORT_OFFSET", "20000");
    all.putIfAbsent(TraceBackend.JAEGER_BINARY, jaegerBinary().toString());
    LocalStack local = new LocalStack(Stack.of(root, all), all, System.out);
    local.prepare();
    return local;
  }

  /** An executable file where the Jaeger binary would be (the configuration only names it). */
  private Path jaegerBinary() throws Exception {
    Path binary = home.resolve("bin/jaeger");
    Files.createDirectories(binary.getParent());
    if (!Files.exists(binary)) {
      Files.createFile(
          binary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return binary;
  }

  @Test
  void jaegerCollectsTheServicesSpansAndWritesThemToKafkaUnlessZipkinIsChosen() throws Exception {
    String jaeger = Files.readString(prepared(Map.of()).stack().supervisorConf());
    String quote = jaeger.split("\\[program:quote-service\\]")[1].split("\\[program:")[0];
    String brain = jaeger.split("\\[program:brain\\]")[1].split("\\[program:")[0];

    assertThat(jaeger)
        .contains(
            "[program:jaeger]", "--config " + home.resolve("repo/infra/jaeger/collector.yaml"))
        .contains("JAEGER_OTLP_HTTP_PORT=\"24318\"", "JAEGER_BIND=\"127.0.0.1\"")
        .doesNotContain("[program:zipkin]", "KAFKA_PASSWORD");
    assertThat(quote)
        .contains("OTLP_TRACES_ENDPOINT=\"http://127.0.0.1:24318/v1/traces\"")
        .doesNotContain("ZIPKIN_ENDPOINT");
    assertThat(brain)
        .contains("BRAIN_TRACES=\"jaeger\"", "BRAIN_TRACES_URL=\"http://127.0.0.1:36686\"");
    assertThat(prepared(Map.of()).stack().home().resolve("secrets/jaeger.env"))
        .content()
        .contains("KAFKA_USER=telemetry");

    String zipkin =
        Files.readString(prepared(Map.of(TraceBackend.CHOICE, "zipkin")).stack().supervisorConf());
    // Jaeger stays the collector that feeds Scout; the services send Zipkin a copy for Brain.
    assertThat(zipkin).contains("[program:zipkin]", "[program:jaeger]");
    assertThat(zipkin.split("\\[program:quote-service\\]")[1].split("\\[program:")[0])
        .contains(
            "OTLP_TRACES_ENDPOINT=\"http://127.0.0.1:24318/v1/traces\"",
            "ZIPKIN_ENDPOINT=\"http://127.0.0.1:");
    assertThat(zipkin.split("\\[program:brain\\]")[1].split("\\[program:")[0])
        .contains("BRAIN_TRACES=\"zipkin\"");
  }

  @Test
  void everyPartIsAProgramStartedByTheLauncherNotBySupervisord() throws Exception {
    LocalStack local = prepared(Map.of());
    String conf = Files.readString(local.stack().supervisorConf());

    for (var wave : LocalStack.waves(Map.of())) {
      for (String part : wave) {
        assertThat(conf).contains("[program:" + part + "]");
      }
    }
    assertThat(conf).doesNotContain("autostart=true");
    assertThat(conf)
        .contains("port=127.0.0.1:29001", "--port 29092", "QUOTE_SERVICE_PORT=\"28080\"");
    // The demo services are Fixer's to restart; the infrastructure restarts itself.
    assertThat(conf.split("\\[program:")[4])
        .startsWith("user-service")
        .contains("autorestart=false");
    assertThat(conf.split("\\[program:")[1]).startsWith("kafka").contains("autorestart=true");
    // An agent that dies is started again by supervisord: the loop must not stay blind.
    for (String agent : LocalStack.AGENTS) {
      assertThat(conf.split("\\[program:" + agent + "\\]")[1].split("\\[program:")[0])
          .as(agent)
          .contains("autorestart=true");
    }
    // The knowledge graph names this stack's ports; the seed is deployed.
    assertThat(Files.readString(local.stack().topology())).contains("http://127.0.0.1:28081");
    assertThat(local.stack().deployed().resolve("policy-service.env"))
        .hasContent("PRICING_ACCEPTANCE_LIMIT=0.8");
    assertThat(local.stack().adminToken()).hasSizeGreaterThan(20);
    // Only policy-service keeps data (its policies' documents), in the stack's data folder.
    String policy = conf.split("\\[program:policy-service\\]")[1].split("\\[program:")[0];
    assertThat(policy)
        .contains("DEMO_DATA_DIR=\"" + home.resolve("stack/data/policy-service") + "\"");
    assertThat(conf.split("\\[program:user-service\\]")[1].split("\\[program:")[0])
        .doesNotContain("DEMO_DATA_DIR");
  }

  @Test
  void everyPartListensOnLoopbackByDefaultAndOnSreSpaceBindWhenSet() throws Exception {
    String loopback = Files.readString(prepared(Map.of()).stack().supervisorConf());
    String everywhere =
        Files.readString(prepared(Map.of("SRE_SPACE_BIND", "0.0.0.0")).stack().supervisorConf());

    assertThat(loopback)
        .contains(
            "port=127.0.0.1:29001",
            "--host 127.0.0.1 --port 29092",
            "run --host 127.0.0.1 --port 28000",
            "JAEGER_BIND=\"127.0.0.1\"",
            "QUARKUS_HTTP_HOST=\"127.0.0.1\"")
        .doesNotContain("0.0.0.0");
    assertThat(everywhere)
        .contains(
            "port=0.0.0.0:29001",
            "--host 0.0.0.0 --port 29092",
            "run --host 0.0.0.0 --port 28000",
            "JAEGER_BIND=\"0.0.0.0\"",
            "QUARKUS_HTTP_HOST=\"0.0.0.0\"")
        .doesNotContain("BIND=\"127.0.0.1\"", "QUARKUS_HTTP_HOST=\"127.0.0.1\"");
    assertThat(
            Files.readString(
                prepared(Map.of(TraceBackend.CHOICE, "zipkin")).stack().supervisorConf()))
        .contains("armeria.ports[0].ip=127.0.0.1");
  }

  @Test
  void secretsGoToAFileOnlyItsOwnerReadsNeverIntoTheConfiguration() throws Exception {
    LocalStack local =
        prepared(Map.of("GITHUB_TOKEN", "ghp_s3cret", "GITHUB_REPOSITORY", "acme/shop"));
    String conf = Files.readString(local.stack().supervisorConf());
    Path secrets = local.stack().home().resolve("secrets.env");

    assertThat(conf).doesNotContain("ghp_s3cret").contains(secrets.toString());
    assertThat(secrets).content().contains("GITHUB_TOKEN=ghp_s3cret");
    assertThat(Files.getPosixFilePermissions(secrets))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(local.stack().home().resolve("admin-token")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    assertThat(Files.getPosixFilePermissions(local.stack().supervisorConf()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String password = Files.readString(local.stack().home().resolve("supervisor-password"));
    assertThat(conf).contains("username=fixer", "password=" + password);
    Path fixer = local.stack().home().resolve("secrets/fixer.env");
    assertThat(fixer).content().contains("FIXER_RUNTIME_SUPERVISOR_PASSWORD=" + password);
    assertThat(secrets).content().doesNotContain(password);

    // Without them the file goes, so an agent started later does not keep old credentials.
    prepared(Map.of());
    assertThat(secrets).doesNotExist();
  }

  @Test
  void theConsolesChaosLabIsOffUnlessAskedForAndItsTokenIsInItsSecretsOnly() throws Exception {
    LocalStack off = prepared(Map.of());
    Path secrets = off.stack().home().resolve("secrets/console.env");
    assertThat(console(off))
        .doesNotContain("CONSOLE_CHAOS_LAB")
        .contains(
            "CONSOLE_BOARD=\"" + off.stack().board() + "\"",
            "CONSOLE_APPROVER_KEYS=\"" + off.stack().home().resolve("approver-keys") + "\"");
    assertThat(secrets).content().contains("KAFKA_USER=console").doesNotContain("CHAOS_LAB");

    LocalStack on = prepared(Map.of(StackConf.CHAOS_LAB, "on"));
    String token = on.stack().adminToken();
    assertThat(console(on))
        .contains(
            "CONSOLE_CHAOS_LAB_ENABLED=\"true\"",
            "user-service=http://127.0.0.1:28082",
            secrets.toString())
        .doesNotContain(token);
    assertThat(secrets).content().contains("CONSOLE_CHAOS_LAB_TOKEN=" + token);
    assertThat(Files.getPosixFilePermissions(secrets))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void withGitHubTheConsoleLinksItsIssuesAndPostsNoAnswers() throws Exception {
    String console =
        console(prepared(Map.of("GITHUB_REPOSITORY", "acme/shop", "GITHUB_TOKEN", "ghp_test")));

    assertThat(console)
        .contains("CONSOLE_ISSUES_URL=\"https://github.com/acme/shop/issues/\"")
        .doesNotContain("CONSOLE_BOARD", "ghp_test");
    // A repository without a token is no GitHub board for the agents, nor for the console.
    assertThat(console(prepared(Map.of("GITHUB_REPOSITORY", "acme/shop"))))
        .contains("CONSOLE_BOARD")
        .doesNotContain("CONSOLE_ISSUES_URL");
  }

  /** The console's program in the stack's supervisord configuration. */
  private static String console(LocalStack local) throws Exception {
    return Files.readString(local.stack().supervisorConf())
        .split("\\[program:console]")[1]
        .split("\\[program:")[0];
  }

  @Test
  void eachPartLogsInToKafkaAsItsOwnUserFromItsOwnOwnerOnlyFile() throws Exception {
    LocalStack local = prepared(Map.of());
    String conf = Files.readString(local.stack().supervisorConf());
    Path home = local.stack().home();
    var ownerOnly = PosixFilePermissions.fromString("rw-------");

    assertThat(conf).contains("--credentials " + home.resolve("credentials"));
    for (String user :
        List.of(
            "admin", "scout", "brain", "fixer", "memory", "telemetry", "evaluator", "console")) {
      Path file = home.resolve("credentials/" + user + ".password");
      assertThat(Files.getPosixFilePermissions(file)).as(user).isEqualTo(ownerOnly);
      assertThat(conf)
          .as("no password in the configuration")
          .doesNotContain(Files.readString(file));
    }
    assertThat(Files.getPosixFilePermissions(home.resolve("credentials")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    for (var part :
        Map.of(
                "scout", "scout",
                "brain", "brain",
                "fixer", "fixer",
                "memory", "memory",
                "user-service", "telemetry",
                "quote-service", "telemetry")
            .entrySet()) {
      Path own = home.resolve("secrets/" + part.getKey() + ".env");
      assertThat(own)
          .content()
          .contains(
              "KAFKA_USER=" + part.getValue(),
              "KAFKA_PASSWORD="
                  + Files.readString(home.resolve("credentials/" + part.getValue() + ".password")));
      assertThat(Files.getPosixFilePermissions(own)).isEqualTo(ownerOnly);
      assertThat(conf.split("\\[program:" + part.getKey() + "]")[1].split("\\[program:")[0])
          .as(part.getKey() + " reads its own login")
          .contains(own.toString());
    }
    assertThat(home.resolve("credentials/admin.properties"))
        .content()
        .contains("security.protocol=SASL_PLAINTEXT", "username=\"admin\"");
  }
}
