package io.srespace.fixer.app;

import io.smallrye.common.annotation.Identifier;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.Event;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.flow.DeploymentSink;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publishes each deployment Fixer makes (a merged pull request or its revert, redeployed) on {@code
 * deployments}, keyed by service. The deployment stands whether or not the record does: a failure
 * is logged, with the commit, and the action goes on.
 */
@ApplicationScoped
public class DeploymentPublisher implements DeploymentSink {
  private static final Logger LOG = Logger.getLogger(DeploymentPublisher.class);

  private final EventPublisher publisher;

  public DeploymentPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.publisher = new EventPublisher(kafka, "fixer-deployments");
  }

  @Override
  public void deployed(DeploymentChanged deployment) {
    try {
      publisher.publish(Topics.DEPLOYMENTS, Event.of("fixer", deployment));
    } catch (IllegalStateException e) {
      LOG.errorf(
          "deployed %s (commit %s) but could not record it on %s: %s",
          deployment.service(), deployment.commit(), Topics.DEPLOYMENTS.name(), e.getMessage());
    }
  }

  @PreDestroy
  void close() {
    publisher.close();
  }
}
