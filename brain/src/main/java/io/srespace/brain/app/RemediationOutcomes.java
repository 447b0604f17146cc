package io.srespace.brain.app;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.board.IncidentBoard;
import io.srespace.brain.postmortem.IncidentRecord;
import io.srespace.brain.postmortem.PostmortemWriter;
import io.srespace.events.Event;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationVerified;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.kafka.Undecoded;
import io.srespace.events.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows Fixer's actions; when a remediation is verified, writes the post-mortem, publishes it and
 * closes the incident's issue with it.
 */
@ApplicationScoped
public class RemediationOutcomes {
  private static final Logger LOG = Logger.getLogger(RemediationOutcomes.class);

  private final IncidentLedger ledger;
  private final EventPublisher publisher;
  private final Publishing publishing = Publishing.standard();
  private final IncidentBoard board;
  private final BoardWriter boards;

  public RemediationOutcomes(
      IncidentLedger ledger, EventPublisher publisher, IncidentBoard board, BoardWriter boards) {
    this.boards = boards;
    this.ledger = ledger;
    this.publisher = publisher;
    this.board = board;
  }

  @Incoming("actions")
  @Blocking
  public void onAction(Event<RemediationEvent> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (Undecoded.isEvent(event, record.getHeaders())) {
      ledger.once(event, () -> handle(event));
    }
  }

  private void handle(Event<RemediationEvent> event) {
    Optional<IncidentRecord> record = ledger.get(event.incidentId());
    if (record.isEmpty() || record.get().diagnosis() == null) {
      LOG.infof(
          "incident %s: %s of an incident Brain did not diagnose, not followed",
          event.incidentId(), event.type());
      return;
    }
    record.get().action(event);
    if (event.data() instanceof RemediationVerified verified) {
      close(record.get(), verified, event.occurredAt());
    }
  }

  private void close(IncidentRecord record, RemediationVerified verified, Instant verifiedAt) {
    String incidentId = record.facts().incidentId();
    PostmortemWritten postmortem =
        PostmortemWriter.write(record, verified, verifiedAt, Instant.now());
    // Derived from the incident: written again after a crash, it is the same post-mortem.
    Event<PostmortemWritten> event =
        Event.derived("", "brain", incidentId, record.issue(), Instant.now(), postmortem);
    publishing.run(() -> publisher.publish(Topics.BRAIN_POSTMORTEMS, event));
    LOG.infof("incident %s: post-mortem written: %s", incidentId, postmortem.title());
    boards.write(incidentId, "closing the issue", () -> closeIssue(record, postmortem));
    ledger.forget(incidentId);
  }

  private void closeIssue(IncidentRecord record, PostmortemWritten postmortem) {
    String incidentId = record.facts().incidentId();
    Integer issue = record.issue();
    if (issue == null) {
      LOG.warnf("incident %s has no open issue to close", incidentId);
      return;
    }
    board.close(issue, postmortem.markdown());
    LOG.infof("incident %s: issue #%d closed", incidentId, issue);
  }
}
