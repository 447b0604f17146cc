package io.srespace.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the agents know about the system before any telemetry, read from {@code
 * infra/topology.yaml}: the services, where they answer, what they call, their owners and runbooks,
 * the remediations allowed per fault class, and which service decides each business journey. The
 * one reader of that file: an unknown key, fault class or action is an error naming its line.
 */
public record KnowledgeGraph(Map<String, Service> services, Map<String, Journey> journeys) {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /**
   * One service: where it answers, what it calls, who owns it and what may be done about it. {@code
   * rollback}, when given, allows undoing a recorded deployment of one of its typed settings.
   */
  public record Service(
      String url,
      String health,
      @JsonProperty("depends_on") List<String> dependsOn,
      String owner,
      String runbook,
      String config,
      Map<String, Setting> settings,
      Map<FaultClass, Remediation> remediations,
      Rollback rollback) {
    public Service {
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
      settings = ordered(settings);
      remediations = ordered(remediations);
      if (url != null) {
        URI parsed = URI.create(url);
        if (parsed.getHost() == null || parsed.getScheme() == null) {
          throw new IllegalArgumentException("url '%s' names no scheme and host".formatted(url));
        }
      }
      if (health != null && !health.startsWith("/")) {
        throw new IllegalArgumentException("health '%s' must be a path from /".formatted(health));
      }
      boolean changesConfig =
          remediations.values().stream()
              .anyMatch(r -> r.action() == RemediationAction.PULL_REQUEST);
      if (changesConfig && (config == null || config.isBlank())) {
        throw new IllegalArgumentException(
            "a pull-request remediation needs the service's config file ('config')");
      }
      for (Remediation remediation : remediations.values()) {
        if (remediation.action() == RemediationAction.PULL_REQUEST) {
          requireSetting(remediation, settings.get(remediation.key()));
        }
      }
      if (rollback != null && (config == null || config.isBlank() || settings.isEmpty())) {
        throw new IllegalArgumentException(
            "a rollback undoes a change of a typed setting: it needs 'config' and 'settings'");
      }
    }

    public Service(
        String url,
        String health,
        List<String> dependsOn,
        String owner,
        String runbook,
        String config,
        Map<String, Setting> settings,
        Map<FaultClass, Remediation> remediations) {
      this(url, health, dependsOn, owner, runbook, config, settings, remediations, null);
    }

    /** Whether a recorded deployment of {@code key} may be undone by a pull request. */
    public boolean revertible(String key) {
      return rollback != null && settings.containsKey(key);
    }

    /** What a pull request may set {@code key} to, if the graph types it. */
    public Optional<Setting> setting(String key) {
      return Optional.ofNullable(settings.get(key));
    }

    /**
     * A key a pull request changes must be typed in {@code settings}, and the rule must stay within
     * that type: a reviewed value that fits it, or doubling a number up to a max it allows.
     */
    private static void requireSetting(Remediation remediation, Setting setting) {
      String key = remediation.key();
      if (setting == null) {
        throw new IllegalArgumentException(
            "a pull request changes %s, so 'settings' must give its type".formatted(key));
      }
      if (remediation.doubles()) {
        if (!setting.numeric()) {
          throw new IllegalArgumentException("%s is text: it cannot be doubled".formatted(key));
        }
        List<String> reasons = setting.refusals(key, remediation.max().toPlainString());
        if (!reasons.isEmpty()) {
          throw new IllegalArgumentException(
              "doubling %s up to %s breaks its setting: %s"
                  .formatted(key, remediation.max().toPlainString(), reasons.get(0)));
        }
      } else {
        List<String> reasons = setting.refusals(key, remediation.value());
        if (!reasons.isEmpty()) {
          throw new IllegalArgumentException(
              "the reviewed value breaks its setting: " + reasons.get(0));
        }
      }
    }
  }

  /**
   * Undoing a recent deployment: setting each key it changed back to its value before, as a pull
   * request; {@code why} is the reason people read.
   */
  public record Rollback(String why) {
    public Rollback {
      if (why == null || why.isBlank()) {
        throw new IllegalArgumentException("a rollback needs a reason ('why')");
      }
    }
  }

  /** A business journey: where it is measured and whose rules decide its outcome. */
  public record Journey(
      @JsonProperty("measured_at") String measuredAt,
      @JsonProperty("decided_by") String decidedBy) {}

  /**
   * A configuration key a pull request may change: the service, its file, the rule and what the key
   * may hold.
   */
  public record ConfigRule(String service, String file, Remediation remediation, Setting setting) {}

  public KnowledgeGraph {
    services = ordered(services);
    journeys = ordered(journeys);
    for (var service : services.entrySet()) {
      for (String dependency : service.getValue().dependsOn()) {
        requireService(services, dependency, service.getKey() + " depends on");
      }
    }
    for (var journey : journeys.entrySet()) {
      requireService(
          services, journey.getValue().measuredAt(), journey.getKey() + " is measured at");
      requireService(services, journey.getValue().decidedBy(), journey.getKey() + " is decided by");
    }
  }

  /** Reads and checks the graph; every problem names the file and, where it has one, the line. */
  public static KnowledgeGraph load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the knowledge graph %s: %s".formatted(file, e.getMessage()), e);
    }
  }

  /** Parses the graph from YAML text; {@code source} names it in errors. */
  public static KnowledgeGraph parse(String yaml, String source) {
    try {
      KnownKeys.check(YAML.getFactory(), yaml, KnowledgeGraph.class);
      KnowledgeGraph graph = YAML.readValue(yaml, KnowledgeGraph.class);
      if (graph == null) {
        throw new IllegalArgumentException("the knowledge graph %s is empty".formatted(source));
      }
      return graph;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String problem =
          cause == e ? e.getOriginalMessage().lines().findFirst().orElse("") : cause.getMessage();
      String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
      throw new IllegalArgumentException(
          "knowledge graph %s%s%s: %s".formatted(source, line, at(e), problem), e);
    }
  }

  /** The graph as YAML that {@link #parse} reads back to an equal graph. */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the knowledge graph: " + e.getMessage(), e);
    }
  }

  /** The same graph with the services of {@code urls} answering at the given base URLs. */
  public KnowledgeGraph withUrls(Map<String, String> urls) {
    Map<String, Service> moved = new LinkedHashMap<>(services);
    urls.forEach(
        (name, url) -> {
          Service s = service(name).orElseThrow(() -> unknown(name, "a new URL is given for"));
          moved.put(
              name,
              new Service(
                  url,
                  s.health(),
                  s.dependsOn(),
                  s.owner(),
                  s.runbook(),
                  s.config(),
                  s.settings(),
                  s.remediations(),
                  s.rollback()));
        });
    return new KnowledgeGraph(moved, journeys);
  }

  /** Where in the graph a mapping problem is, as {@code services.back.remediations}. */
  private static String at(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return "";
    }
    return mapping.getPath().stream()
        .map(JsonMappingException.Reference::getFieldName)
        .filter(Objects::nonNull)
        .collect(Collectors.joining(".", " (at ", ")"));
  }

  public Optional<Service> service(String name) {
    return Optional.ofNullable(name).map(services::get);
  }

  public boolean knows(String service) {
    return service != null && services.containsKey(service);
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

  /** Whether one of the two services calls the other (or they are the same). */
  public boolean related(String a, String b) {
    return a.equals(b) || calls(a, b) || calls(b, a);
  }

  /** Each service's callees, in the order the graph lists the services. */
  public Map<String, Set<String>> callees() {
    Map<String, Set<String>> callees = new LinkedHashMap<>();
    services.forEach((name, service) -> callees.put(name, Set.copyOf(service.dependsOn())));
    return callees;
  }

  /** The remediation allowed for a fault class on a service, if any. */
  public Optional<Remediation> remediation(String service, FaultClass faultClass) {
    return service(service)
        .flatMap(s -> Optional.ofNullable(faultClass).map(c -> s.remediations().get(c)));
  }

  /** A remediation of the service with this action, for plans that name no fault class. */
  public Optional<Remediation> remediation(String service, RemediationAction action) {
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

  /** The service whose rules decide the journey measured at {@code service}, if one is known. */
  public Optional<String> journeyDecidedFrom(String service) {
    return journeys.values().stream()
        .filter(j -> j.measuredAt().equals(service))
        .map(Journey::decidedBy)
        .findFirst();
  }

  /**
   * What a revert may set back: by configuration file, each typed key of a service with rollback.
   */
  public Map<String, Map<String, Setting>> revertibleSettings() {
    Map<String, Map<String, Setting>> files = new LinkedHashMap<>();
    services.forEach(
        (name, service) -> {
          if (service.rollback() != null) {
            files.put(service.config(), service.settings());
          }
        });
    return files;
  }

  /** What pull requests may change: one rule per key of a service's configuration file. */
  public List<ConfigRule> configRules() {
    List<ConfigRule> rules = new ArrayList<>();
    services.forEach(
        (name, service) ->
            service.remediations().values().stream()
                .filter(r -> r.action() == RemediationAction.PULL_REQUEST)
                .forEach(
                    r ->
                        rules.add(
                            new ConfigRule(
                                name, service.config(), r, service.settings().get(r.key())))));
    return rules;
  }

  /**
   * Whether the service has something that can run out (a setting whose change can cause resource
   * exhaustion, as a pool's size): only there can a symptom's cause be a resource still to report.
   */
  public boolean canRunOut(String service) {
    return service(service).stream()
        .flatMap(s -> s.settings().values().stream())
        .anyMatch(setting -> setting.affects().contains(FaultClass.RESOURCE_EXHAUSTION));
  }

  /** Whether {@code caller} calls {@code callee} directly. */
  public boolean calls(String caller, String callee) {
    Service service = services.get(caller);
    return service != null && service.dependsOn().contains(callee);
  }

  /** An unmodifiable copy that keeps the file's order, so a written graph reads like its source. */
  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static void requireService(Map<String, Service> services, String name, String what) {
    if (name == null || !services.containsKey(name)) {
      throw unknown(name, what);
    }
  }

  private static IllegalArgumentException unknown(String name, String what) {
    return new IllegalArgumentException(
        "%s %s, which the knowledge graph does not list".formatted(what, name));
  }
}
