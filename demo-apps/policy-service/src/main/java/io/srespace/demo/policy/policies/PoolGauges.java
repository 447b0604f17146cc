package io.srespace.demo.policy.policies;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.srespace.demo.telemetry.GaugeSource;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** The database pool's saturation, in OpenTelemetry's db.client.connections names. */
@Singleton
public class PoolGauges implements GaugeSource {
  private static final Map<String, String> POOL =
      Map.of("db.client.connections.pool.name", "policies");

  private final AgroalDataSource database;

  public PoolGauges(AgroalDataSource database) {
    this.database = database;
  }

  @Override
  public List<Gauge> gauges() {
    AgroalDataSourceMetrics metrics = database.getMetrics();
    int max = database.getConfiguration().connectionPoolConfiguration().maxSize();
    return List.of(
        new Gauge(
            "db.client.connections.usage",
            "{connection}",
            metrics.activeCount(),
            Map.of("db.client.connections.pool.name", "policies", "state", "used")),
        new Gauge(
            "db.client.connections.usage",
            "{connection}",
            metrics.availableCount(),
            Map.of("db.client.connections.pool.name", "policies", "state", "idle")),
        new Gauge("db.client.connections.max", "{connection}", max, POOL),
        new Gauge(
            "db.client.connections.pending_requests", "{request}", metrics.awaitingCount(), POOL));
  }
}
