package io.srespace.brain.traces;

import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one Zipkin trace into spans with unique ids: the reports of one span are merged, and a
 * client and server that share an id become parent and child, as Zipkin's own UI links them.
 */
final class ZipkinSpans {
  static final String CLIENT_SUFFIX = "-client";
  private static final String UNKNOWN_SERVICE = "unknown";

  private ZipkinSpans() {}

  static List<Span> of(List<ZipkinSpan> trace) {
    Map<String, List<ZipkinSpan>> byId = new LinkedHashMap<>();
    for (ZipkinSpan span : trace == null ? List.<ZipkinSpan>of() : trace) {
      if (span != null && span.id() != null) {
        byId.computeIfAbsent(span.id(), id -> new ArrayList<>(2)).add(span);
      }
    }
    List<Span> spans = new ArrayList<>(byId.size());
    byId.forEach((id, reports) -> spans.addAll(linked(id, reports)));
    return spans;
  }

  /**
   * The server half of a shared span keeps the id, because its children and its process's logs name
   * it; the client half gets a derived id and becomes the server half's parent.
   */
  private static List<Span> linked(String id, List<ZipkinSpan> reports) {
    List<ZipkinSpan> server = new ArrayList<>();
    List<ZipkinSpan> client = new ArrayList<>();
    for (ZipkinSpan report : reports) {
      (reports.size() > 1 && report.isServerSide() ? server : client).add(report);
    }
    if (server.isEmpty() || client.isEmpty()) {
      return merged(reports, id, first(reports).parentId());
    }
    String clientId = id + CLIENT_SUFFIX;
    List<Span> spans = new ArrayList<>(merged(client, clientId, first(client).parentId()));
    spans.addAll(merged(server, id, spans.isEmpty() ? first(server).parentId() : clientId));
    return spans;
  }

  /** Zipkin may report one span in parts; a span that no part gives a timestamp is left out. */
  private static List<Span> merged(List<ZipkinSpan> parts, String id, String parentId) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    String name = null;
    String service = null;
    for (ZipkinSpan part : parts) {
      if (part.timestamp() != null) {
        start = Math.min(start, part.timestamp());
        end = Math.max(end, part.timestamp() + (part.duration() == null ? 0 : part.duration()));
      }
      name = name == null ? part.name() : name;
      service = service == null ? part.serviceName() : service;
    }
    if (start == Long.MAX_VALUE) {
      return List.of();
    }
    return List.of(
        new Span(
            first(parts).traceId(),
            id,
            parentId,
            service == null ? UNKNOWN_SERVICE : service,
            name == null ? "" : name,
            start * 1_000,
            end * 1_000));
  }

  private static ZipkinSpan first(List<ZipkinSpan> parts) {
    return parts.get(0);
  }

  record ZipkinSpan(
      String traceId,
      String parentId,
      String id,
      String kind,
      String name,
      Long timestamp,
      Long duration,
      Endpoint localEndpoint,
      Boolean shared) {

    boolean isServerSide() {
      return Boolean.TRUE.equals(shared) || "SERVER".equals(kind);
    }

    String serviceName() {
      return localEndpoint == null ? null : localEndpoint.serviceName();
    }
  }

  record Endpoint(String serviceName) {}
}
