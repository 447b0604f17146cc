package io.srespace.scout.app;

import io.smallrye.common.annotation.Blocking;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DeploymentEvent;
import io.srespace.events.Event;
import io.srespace.scout.incidents.PlannedRestarts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Each recorded deployment plans a restart of its service (only the deployer and Fixer write). */
@ApplicationScoped
public class Deployments {
  private static final Logger LOG = Logger.getLogger(Deployments.class);
  private final PlannedRestarts planned;

  public Deployments(PlannedRestarts planned) {
    this.planned = planned;
  }

  @Incoming("deployments")
  @Blocking
  public void onDeployment(Event<DeploymentEvent> event) {
    if (event.data() instanceof DeploymentChanged changed) {
      if (planned.deployed(changed.service(), event.occurredAt())) {
        LOG.infof(
            "%s deployed at %s (commit %s): its restart is planned",
            changed.service(), event.occurredAt(), changed.commit());
      } else {
        LOG.warnf(
            "a deployment of %s, which the topology does not know, plans no restart (commit %s)",
            changed.service(), changed.commit());
      }
    }
  }
}
