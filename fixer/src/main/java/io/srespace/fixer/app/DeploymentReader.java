package io.srespace.fixer.app;

import io.smallrye.common.annotation.Blocking;
import io.srespace.events.DeploymentEvent;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every recorded deployment: a revert Brain asks for is carried out only for a deployment
 * recorded here, from the deployment as recorded (only the deployer and Fixer write the topic).
 */
@ApplicationScoped
public class DeploymentReader {
  private static final Logger LOG = Logger.getLogger(DeploymentReader.class);
  private final DeploymentHistory history;

  public DeploymentReader(DeploymentHistory history) {
    this.history = history;
  }

  @Incoming("deployments")
  @Blocking
  public void onDeployment(Event<DeploymentEvent> event) {
    history
        .record(event)
        .ifPresent(
            d ->
                LOG.infof(
                    "recorded deployment of %s: commit %s by %s",
                    d.change().service(), d.change().commit(), d.change().by()));
  }
}
