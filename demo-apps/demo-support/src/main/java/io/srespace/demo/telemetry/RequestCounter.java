package io.srespace.demo.telemetry;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts answered business requests by status class (2xx, 4xx, 5xx), since the process started. */
@Provider
@Singleton
public class RequestCounter implements ContainerResponseFilter {
  private final Map<String, LongAdder> byStatusClass = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/q/") && !path.startsWith("/admin/")) {
      byStatusClass
          .computeIfAbsent(response.getStatus() / 100 + "xx", status -> new LongAdder())
          .increment();
    }
  }

  public Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    byStatusClass.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }
}
