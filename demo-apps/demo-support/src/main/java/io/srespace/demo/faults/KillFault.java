package io.srespace.demo.faults;

import io.srespace.demo.kafka.KafkaPublisher;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Ends the process abruptly, as SIGKILL would (no shutdown hooks), a moment after the admin call is
 * answered and the FaultInjected event has left for Kafka.
 */
@Singleton
public class KillFault extends SwitchedFault {
  private static final Logger LOG = Logger.getLogger(KillFault.class);
  private static final int KILLED_EXIT_CODE = 137;

  private final KafkaPublisher publisher;

  public KillFault(KafkaPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public Fault fault() {
    return Fault.KILL;
  }

  @Override
  public String symptom() {
    return "the process ends at once; callers get connection refused";
  }

  @Override
  public void turnOn(double intensity) {
    Thread killer =
        new Thread(
            () -> {
              publisher.flush(Duration.ofSeconds(3));
              sleep(Duration.ofMillis(200));
              LOG.warn("kill fault: halting the process now");
              Runtime.getRuntime().halt(KILLED_EXIT_CODE);
            },
            "kill-fault");
    killer.start();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
