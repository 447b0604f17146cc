package io.srespace.demo.policy.faults;

import io.srespace.demo.faults.FaultSwitch;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Slow queries: every database call also runs a query that sleeps in the database for the intensity
 * in milliseconds, holding its pooled connection. Under normal load the small pool runs dry and
 * requests time out waiting for a connection.
 */
@Singleton
public class DbPoolFault implements FaultSwitch {
  private volatile long holdMillis;

  @Override
  public Fault fault() {
    return Fault.DB_POOL;
  }

  @Override
  public String symptom() {
    return "queries hold their connections; the pool is exhausted and requests time out (503)";
  }

  @Override
  public double defaultIntensity() {
    return 250;
  }

  @Override
  public String intensityUnit() {
    return "ms per query";
  }

  @Override
  public void turnOn(double intensity) {
    if (intensity < 1 || intensity > 30_000) {
      throw new IllegalArgumentException(
          "intensity must be between 1.0 and 30000.0 ms per query, was " + intensity);
    }
    holdMillis = Math.round(intensity);
  }

  @Override
  public void turnOff() {
    holdMillis = 0;
  }

  /** Runs the slow query on {@code connection} while the fault is on. */
  public void slowDown(Connection connection) throws SQLException {
    long hold = holdMillis;
    if (hold > 0) {
      try (PreparedStatement sleep = connection.prepareStatement("CALL SLEEP(?)")) {
        sleep.setLong(1, hold);
        sleep.execute();
      }
    }
  }
}
