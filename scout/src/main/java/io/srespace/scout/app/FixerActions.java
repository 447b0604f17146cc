package io.srespace.scout.app;

import io.smallrye.common.annotation.Blocking;
import io.srespace.events.Event;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.scout.incidents.FixerRestarts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Fixer's restarts, from {@code fixer.actions} (only Fixer may write it): the incident each was
 * for, so the restart's own downtime does not keep that incident open ({@link FixerRestarts}).
 */
@ApplicationScoped
public class FixerActions {
  private static final Logger LOG = Logger.getLogger(FixerActions.class);
  static final String FIXER = "fixer";
  private final FixerRestarts restarts;

  public FixerActions(FixerRestarts restarts) {
    this.restarts = restarts;
  }

  @Incoming("fixer-actions")
  @Blocking
  public void onAction(Event<RemediationEvent> event) {
    if (!(event.data() instanceof RemediationApplied applied)
        || applied.action() != RemediationAction.RESTART) {
      return;
    }
    if (!FIXER.equals(event.source())) {
      LOG.warnf(
          "incident %s: a restart reported by '%s' ignored: only Fixer restarts",
          event.incidentId(), event.source());
      return;
    }
    if (restarts.restarted(event.incidentId(), applied.service(), event.occurredAt())) {
      LOG.infof(
          "incident %s: Fixer restarted %s at %s; its downtime is not the fault's",
          event.incidentId(), applied.service(), event.occurredAt());
    } else {
      LOG.warnf(
          "incident %s: a restart of %s, which the topology does not know, changes nothing",
          event.incidentId(), applied.service());
    }
  }
}
