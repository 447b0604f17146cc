package io.srespace.fixer.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.fixer.gitops.ChangeRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Fixer may do, read from the knowledge graph ({@code infra/topology.yaml}): per service, the
 * remediation allowed for each fault class, which of them wait for a human, where the service
 * answers its health check, and which configuration file a pull request may change.
 */
public record FixerPolicy(Map<String, Service> services) {

  /** One service as Fixer needs it. */
  public record Service(
      String url, String health, String owner, String config, Map<String, Rule> remediations) {
    public Service {
      remediations = remediations == null ? Map.of() : Map.copyOf(remediations);
    }
  }

  /**
   * One allowed remediation; {@code approval} marks a high-risk one that waits for a human. For a
   * pull request, the key it may change and the value rule ({@code x2} up to {@code max}, or a
   * literal).
   */
  public record Rule(
      RemediationAction action, String key, String value, String max, boolean approval) {}

  public FixerPolicy {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  public static FixerPolicy load(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), FixerPolicy.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the knowledge graph " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<Service> service(String name) {
    return Optional.ofNullable(name).map(services::get);
  }

  /** The remediation the knowledge graph allows for this fault class on this service. */
  public Optional<Rule> rule(String service, FaultClass faultClass) {
    return service(service)
        .flatMap(s -> Optional.ofNullable(faultClass).map(c -> s.remediations().get(c.id())));
  }

  /** Whether the service has any rule allowing this action, for plans without a fault class. */
  public Optional<Rule> anyRule(String service, RemediationAction action) {
    return service(service).stream()
        .flatMap(s -> s.remediations().values().stream())
        .filter(r -> r.action() == action)
        .findFirst();
  }

  /** The service's health URL, if the graph gives one. */
  public Optional<URI> health(String service) {
    return service(service)
        .filter(s -> s.url() != null && s.health() != null)
        .map(s -> URI.create(s.url() + s.health()));
  }

  public String owner(String service) {
    return service(service).map(Service::owner).orElse("unknown");
  }

  /** What pull requests may change, per the graph: one key of each service's file. */
  public List<ChangeRule> changeRules() {
    List<ChangeRule> rules = new ArrayList<>();
    services.forEach(
        (name, service) ->
            service.remediations().values().stream()
                .filter(
                    r -> r.action() == RemediationAction.PULL_REQUEST && service.config() != null)
                .forEach(
                    r ->
                        rules.add(
                            "x2".equals(r.value())
                                ? ChangeRule.atMost(
                                    service.config(), r.key(), new BigDecimal(r.max()))
                                : ChangeRule.oneOf(
                                    service.config(), r.key(), List.of(r.value())))));
    return rules;
  }
}
