package io.srespace.scout.saturation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one metrics report says of a service's saturation: heap used and its limit, (when the
 * service has a pool) requests waiting for a connection, and the share of CPU periods its quota
 * held it back, and the share of its data directory's filesystem in use. Values absent from the
 * report are NaN.
 */
public record ResourceReport(
    String service,
    Instant at,
    double heapUsed,
    double heapLimit,
    double poolPending,
    double cpuThrottled,
    double diskUsed) {

  public ResourceReport(
      String service, Instant at, double heapUsed, double heapLimit, double poolPending) {
    this(service, at, heapUsed, heapLimit, poolPending, Double.NaN, Double.NaN);
  }

  /** The repartition format: service, time and the five values, so each service has one task. */
  public static final Serde<ResourceReport> SERDE =
      Serdes.serdeFrom((topic, report) -> report.toBytes(), (topic, bytes) -> fromBytes(bytes));

  public double heapRatio() {
    return heapLimit > 0 ? heapUsed / heapLimit : Double.NaN;
  }

  byte[] toBytes() {
    byte[] name = service.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Integer.BYTES + name.length + Long.BYTES * 2 + Double.BYTES * 5)
        .putInt(name.length)
        .put(name)
        .putLong(at.getEpochSecond())
        .putLong(at.getNano())
        .putDouble(heapUsed)
        .putDouble(heapLimit)
        .putDouble(poolPending)
        .putDouble(cpuThrottled)
        .putDouble(diskUsed)
        .array();
  }

  static ResourceReport fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte[] name = new byte[buffer.getInt()];
    buffer.get(name);
    return new ResourceReport(
        new String(name, StandardCharsets.UTF_8),
        Instant.ofEpochSecond(buffer.getLong(), buffer.getLong()),
        buffer.getDouble(),
        buffer.getDouble(),
        buffer.getDouble(),
        // A report repartitioned before the throttling or the disk was measured lacks them.
        buffer.remaining() >= Double.BYTES ? buffer.getDouble() : Double.NaN,
        buffer.remaining() >= Double.BYTES ? buffer.getDouble() : Double.NaN);
  }

  /** The reports in one OTLP ExportMetricsServiceRequest, one per service resource. */
  public static List<ResourceReport> decode(byte[] otlp) throws InvalidProtocolBufferException {
    List<ResourceReport> reports = new ArrayList<>();
    for (ResourceMetrics resource :
        ExportMetricsServiceRequest.parseFrom(otlp).getResourceMetricsList()) {
      String service = null;
      for (KeyValue attribute : resource.getResource().getAttributesList()) {
        if (attribute.getKey().equals("service.name")) {
          service = attribute.getValue().getStringValue();
        }
      }
      if (service == null) {
        continue;
      }
      double used = Double.NaN;
      double limit = Double.NaN;
      double pending = Double.NaN;
      double throttled = Double.NaN;
      double disk = Double.NaN;
      long time = 0;
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          if (!metric.hasGauge() || metric.getGauge().getDataPointsCount() == 0) {
            continue;
          }
          NumberDataPoint point = metric.getGauge().getDataPoints(0);
          double value = point.hasAsDouble() ? point.getAsDouble() : point.getAsInt();
          time = Math.max(time, point.getTimeUnixNano());
          switch (metric.getName()) {
            case "jvm.memory.used" -> used = value;
            case "jvm.memory.limit" -> limit = value;
            case "db.client.connections.pending_requests" -> pending = value;
            case "process.cpu.throttled_ratio" -> throttled = value;
            case "system.filesystem.utilization" -> disk = value;
            default -> {}
          }
        }
      }
      reports.add(
          new ResourceReport(
              service, Instant.ofEpochSecond(0, time), used, limit, pending, throttled, disk));
    }
    return reports;
  }
}
