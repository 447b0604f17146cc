package io.srespace.brain.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.srespace.brain.core.model.Topology;
import io.srespace.events.FaultClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Brain knows about the system before any telemetry: {@code infra/topology.yaml}'s services,
 * their dependencies, owners, runbooks and the remediations allowed per fault class, and which
 * service decides each business journey.
 */
public record KnowledgeGraph(Map<String, Service> services, Map<String, Journey> journeys) {

  /** One service as the knowledge graph describes it. */
  public record Service(
      String url,
      String health,
      @JsonProperty("depends_on") List<String> dependsOn,
      String owner,
      String runbook,
      String config,
      Map<String, Remediation> remediations) {
    public Service {
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
      remediations = remediations == null ? Map.of() : Map.copyOf(remediations);
    }
  }

  /** A business journey: where it is measured and whose rules decide its outcome. */
  public record Journey(
      @JsonProperty("measured_at") String measuredAt,
      @JsonProperty("decided_by") String decidedBy) {}

  public KnowledgeGraph {
    services = services == null ? Map.of() : Map.copyOf(services);
    journeys = journeys == null ? Map.of() : Map.copyOf(journeys);
    for (var service : services.entrySet()) {
      for (String dependency : service.getValue().dependsOn()) {
        requireService(services, dependency, service.getKey() + " depends on");
      }
      for (var rule : service.getValue().remediations().entrySet()) {
        if (Arrays.stream(FaultClass.values()).noneMatch(c -> c.id().equals(rule.getKey()))) {
          throw new IllegalArgumentException(
              "%s has a remediation for '%s', which is not a fault class (one of %s)"
                  .formatted(
                      service.getKey(),
                      rule.getKey(),
                      Arrays.stream(FaultClass.values()).map(FaultClass::id).toList()));
        }
        rule.getValue().check(service.getKey() + " " + rule.getKey(), service.getValue());
      }
    }
    for (var journey : journeys.entrySet()) {
      requireService(services, journey.getValue().decidedBy(), journey.getKey() + " is decided by");
    }
  }

  public static KnowledgeGraph load(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), KnowledgeGraph.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the knowledge graph " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<Service> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /**
   * The service a peer names: a service's own name, or the {@code host:port} (or host) of its URL,
   * as a client span names the server it called.
   */
  public Optional<String> serviceAt(String peer) {
    if (peer == null || services.containsKey(peer)) {
      return Optional.ofNullable(peer);
    }
    return services.entrySet().stream()
        .filter(entry -> entry.getValue().url() != null)
        .filter(
            entry -> {
              URI url = URI.create(entry.getValue().url());
              return peer.equals(url.getAuthority())
                  || peer.equals(url.getHost() + ":" + url.getPort());
            })
        .map(Map.Entry::getKey)
        .findFirst();
  }

  public boolean knows(String service) {
    return services.containsKey(service);
  }

  /** The remediation allowed for a fault class on a service, if any. */
  public Optional<Remediation> remediation(String service, FaultClass faultClass) {
    return service(service).map(s -> s.remediations().get(faultClass.id()));
  }

  /** The service whose rules decide the journey measured at {@code service}, if one is known. */
  public Optional<String> journeyDecidedFrom(String service) {
    return journeys.values().stream()
        .filter(j -> service.equals(j.measuredAt()))
        .map(Journey::decidedBy)
        .findFirst();
  }

  /** The calls the graph knows, in the analysis core's terms. */
  public Topology topology() {
    Map<String, Set<String>> callees = new LinkedHashMap<>();
    services.forEach((name, service) -> callees.put(name, Set.copyOf(service.dependsOn())));
    return new Topology(callees);
  }

  private static void requireService(Map<String, Service> services, String name, String what) {
    if (name == null || !services.containsKey(name)) {
      throw new IllegalArgumentException(
          "%s %s, which the knowledge graph does not list".formatted(what, name));
    }
  }
}
