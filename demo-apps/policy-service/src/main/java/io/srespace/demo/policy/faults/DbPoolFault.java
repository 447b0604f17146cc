package io.srespace.demo.policy.faults;

import io.agroal.api.AgroalDataSource;
import io.srespace.demo.faults.FaultSwitch;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A batch job that takes connections from the service's pool and keeps them: the intensity is how
 * many. While it holds as many as the pool has (4 by default), every request waits for a connection
 * until the acquisition timeout and fails with 503; a pool larger than what the batch holds serves
 * requests again, at their usual speed. The batch is the deployment's, not the JVM's: it survives a
 * restart, so only a larger pool (or clearing the fault) ends the symptoms.
 */
@Singleton
public class DbPoolFault implements FaultSwitch {
  private static final Logger LOG = Logger.getLogger(DbPoolFault.class);
  private static final int MOST_HELD = 64;

  private final AgroalDataSource database;
  private final List<Thread> batch = new ArrayList<>();

  public DbPoolFault(AgroalDataSource database) {
    this.database = database;
  }

  @Override
  public Fault fault() {
    return Fault.DB_POOL;
  }

  @Override
  public String symptom() {
    return "a batch job holds pooled connections; requests wait for one and time out (503)";
  }

  @Override
  public double defaultIntensity() {
    return 4;
  }

  @Override
  public String intensityUnit() {
    return "connections held";
  }

  @Override
  public synchronized void turnOn(double intensity) {
    if (intensity < 1 || intensity > MOST_HELD || intensity != Math.rint(intensity)) {
      throw new IllegalArgumentException(
          "intensity must be a whole number of connections from 1 to %d, was %s"
              .formatted(MOST_HELD, intensity));
    }
    turnOff();
    for (int i = 0; i < (int) intensity; i++) {
      Thread holder = new Thread(this::hold, "batch-job-" + i);
      holder.setDaemon(true);
      batch.add(holder);
      holder.start();
    }
  }

  @Override
  public synchronized void turnOff() {
    batch.forEach(Thread::interrupt);
    for (Thread holder : batch) {
      try {
        holder.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    batch.clear();
  }

  @Override
  public boolean survivesRestart() {
    return true;
  }

  /** Takes a connection and keeps it until interrupted; tries again while the pool is dry. */
  private void hold() {
    while (!Thread.currentThread().isInterrupted()) {
      try (Connection connection = database.getConnection()) {
        Thread.sleep(Long.MAX_VALUE);
      } catch (SQLException e) {
        LOG.debugf("the batch job waits for a connection: %s", e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
