package io.srespace.brain.app;

import io.smallrye.common.annotation.Blocking;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DeploymentEvent;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.Event;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every recorded deployment into the history incidents are correlated with. Only the deployer
 * and Fixer may write the topic; a deployment of a service the knowledge graph does not know is
 * logged and left out.
 */
@ApplicationScoped
public class Deployments {
  private static final Logger LOG = Logger.getLogger(Deployments.class);
  private final DeploymentHistory history;
  private final KnowledgeGraph graph;

  public Deployments(DeploymentHistory history, KnowledgeGraph graph) {
    this.history = history;
    this.graph = graph;
  }

  @Incoming("deployments")
  @Blocking
  public void onDeployment(Event<DeploymentEvent> event) {
    if (event.data() instanceof DeploymentChanged changed && !graph.knows(changed.service())) {
      LOG.warnf(
          "deployment %s of %s left out: the knowledge graph does not know the service",
          changed.commit(), changed.service());
      return;
    }
    history.record(event).ifPresent(Deployments::log);
  }

  /** One line per deployment an agent reads. */
  static void log(DeploymentHistory.Deployed deployed) {
    DeploymentChanged changed = deployed.change();
    LOG.infof(
        "deployment of %s at %s: commit %s, %d key(s), by %s",
        changed.service(), deployed.at(), changed.commit(), changed.changes().size(), changed.by());
  }
}
