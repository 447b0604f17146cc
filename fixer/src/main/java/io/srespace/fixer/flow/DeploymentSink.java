package io.srespace.fixer.flow;

import io.srespace.events.DeploymentChanged;

/** Where Fixer records what it deployed: {@code deployments}, for Brain and for people. */
public interface DeploymentSink {
  /** Records the deployment; a failure to record it does not undo it and is only logged. */
  void deployed(DeploymentChanged deployment);
}
