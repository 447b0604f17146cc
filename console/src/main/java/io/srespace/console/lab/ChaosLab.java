package io.srespace.console.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.console.Refused;
import io.srespace.events.Fault;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Switches a demo service's fault on or off from the page, through the service's admin endpoint
 * ({@code /admin/faults}) with the token the server holds; the page never sees it. Refuses
 * everything while the lab is off, and any service or fault it was not told about.
 */
@ApplicationScoped
public class ChaosLab {
  /** What the page offers: each service and the faults its admin endpoint lists. */
  public record Offer(boolean enabled, String why, List<ServiceFaults> services) {}

  /** A service's faults, or why they could not be read. */
  public record ServiceFaults(String service, List<FaultOffer> faults, String error) {}

  /** One fault as the service lists it. */
  public record FaultOffer(String fault, boolean active, String symptom) {}

  static final String OFF =
      "the chaos lab is off: start the console with console.chaos-lab.enabled=true"
          + " (./sre-space up with SRE_SPACE_CHAOS_LAB=on)";
  private static final Logger LOG = Logger.getLogger(ChaosLab.class);
  private static final int LONGEST_TEXT = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean enabled;
  private final Optional<String> token;
  private final Map<String, URI> services;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ChaosLab(ChaosLabConfig config) {
    this.enabled = config.enabled();
    this.token = config.token().filter(value -> !value.isBlank());
    this.services = parse(config.services().orElse(List.of()));
  }

  private static Map<String, URI> parse(List<String> entries) {
    Map<String, URI> parsed = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "console.chaos-lab.services: '%s' is not name=URL".formatted(entry));
      }
      parsed.put(entry.substring(0, equals).strip(), URI.create(entry.substring(equals + 1)));
    }
    return Map.copyOf(parsed);
  }

  /** Whether the page may inject; when not, why. */
  public Optional<String> off() {
    if (!enabled) {
      return Optional.of(OFF);
    }
    if (token.isEmpty()) {
      return Optional.of("the chaos lab is on but holds no admin token (console.chaos-lab.token)");
    }
    return Optional.empty();
  }

  /** Each service's faults as it lists them now; nothing is asked while the lab is off. */
  public Offer offer() {
    Optional<String> off = off();
    if (off.isPresent()) {
      return new Offer(false, off.get(), List.of());
    }
    List<ServiceFaults> offered = new ArrayList<>();
    for (String service : services.keySet().stream().sorted().toList()) {
      try {
        offered.add(new ServiceFaults(service, faults(call("GET", service, "")), null));
      } catch (Refused e) {
        offered.add(new ServiceFaults(service, List.of(), e.getMessage()));
      }
    }
    return new Offer(true, null, offered);
  }

  /** Switches {@code fault} on in {@code service}, for {@code seconds} when given. */
  public void inject(String service, String fault, Long seconds) throws Refused {
    check(service, fault);
    if (seconds != null && (seconds < 1 || seconds > 3600)) {
      throw new Refused(400, "a fault lasts 1 to 3600 seconds (was %d)".formatted(seconds));
    }
    call("POST", service, "/" + fault + (seconds == null ? "" : "?duration=" + seconds));
    LOG.infof(
        "chaos lab: %s switched on in %s%s",
        fault, service, seconds == null ? "" : " for " + seconds + " s");
  }

  /** Switches {@code fault} off in {@code service}. */
  public void clear(String service, String fault) throws Refused {
    check(service, fault);
    call("DELETE", service, "/" + fault);
    LOG.infof("chaos lab: %s switched off in %s", fault, service);
  }

  private void check(String service, String fault) throws Refused {
    Optional<String> off = off();
    if (off.isPresent()) {
      throw new Refused(403, off.get());
    }
    if (!services.containsKey(service)) {
      throw new Refused(
          400,
          "the lab knows no service '%s' (known: %s)"
              .formatted(shortened(service), String.join(", ", services.keySet())));
    }
    if (Fault.fromId(fault).isEmpty()) {
      throw new Refused(400, "no fault named '%s'".formatted(shortened(fault)));
    }
  }

  private String call(String method, String service, String path) throws Refused {
    URI url = URI.create(services.get(service) + "/admin/faults" + path);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("X-Admin-Token", token.orElseThrow())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Refused(502, "%s is not answering at %s: %s".formatted(service, url, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(503, "interrupted while calling " + service);
    }
    if (response.statusCode() >= 300) {
      throw new Refused(
          response.statusCode() == 404 || response.statusCode() == 400 ? 400 : 502,
          "%s answered %d: %s"
              .formatted(service, response.statusCode(), shortened(errorOf(response.body()))));
    }
    return response.body();
  }

  /** The faults in a service's listing; what it does not say is left out, long text cut. */
  static List<FaultOffer> faults(String listing) throws Refused {
    List<FaultOffer> faults = new ArrayList<>();
    try {
      for (JsonNode state : JSON.readTree(listing)) {
        Optional<Fault> fault = Fault.fromId(state.path("fault").asText());
        if (fault.isPresent()) {
          faults.add(
              new FaultOffer(
                  fault.get().id(),
                  state.path("active").asBoolean(false),
                  shortened(state.path("symptom").asText(""))));
        }
      }
    } catch (JsonProcessingException e) {
      throw new Refused(502, "the service's fault listing is not JSON");
    }
    return faults;
  }

  private static String errorOf(String body) {
    try {
      return JSON.readTree(body).path("error").asText(body);
    } catch (JsonProcessingException e) {
      return body;
    }
  }

  private static String shortened(String text) {
    return text.length() <= LONGEST_TEXT ? text : text.substring(0, LONGEST_TEXT) + "…";
  }
}
