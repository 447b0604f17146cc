package io.srespace.scout.incidents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services of {@code infra/topology.yaml}: where they answer and what they call. */
public record ServiceTopology(Map<String, Service> services) {

  /** One service: base URL, health path, the services it calls, its owner. */
  public record Service(
      String url, String health, @JsonProperty("depends_on") List<String> dependsOn, String owner) {
    public Service {
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
  }

  public ServiceTopology {
    services = Map.copyOf(services);
    for (var service : services.entrySet()) {
      for (String dependency : service.getValue().dependsOn()) {
        if (!services.containsKey(dependency)) {
          throw new IllegalArgumentException(
              "%s depends on %s, which the topology does not list"
                  .formatted(service.getKey(), dependency));
        }
      }
    }
  }

  public static ServiceTopology load(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), ServiceTopology.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the service topology " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether one of the two services calls the other (or they are the same). */
  public boolean related(String a, String b) {
    return a.equals(b) || calls(a, b) || calls(b, a);
  }

  /** The service answering at {@code host:port}, as client spans name their peer. */
  public Optional<String> serviceAt(String address) {
    return services.entrySet().stream()
        .filter(
            entry -> {
              URI url = URI.create(entry.getValue().url());
              return address.equals(url.getHost() + ":" + url.getPort())
                  || address.equals(entry.getKey());
            })
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private boolean calls(String caller, String callee) {
    Service service = services.get(caller);
    return service != null && service.dependsOn().contains(callee);
  }
}
