package io.srespace.demo.telemetry;

import java.util.List;
import java.util.Map;

/** A service's own resource gauges (its database pool, say), added to every metrics report. */
public interface GaugeSource {
  List<Gauge> gauges();

  /** One value of one gauge, named after OpenTelemetry's semantic conventions. */
  record Gauge(String name, String unit, double value, Map<String, String> attributes) {}
}
