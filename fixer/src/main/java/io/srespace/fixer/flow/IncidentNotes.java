package io.srespace.fixer.flow;

import io.srespace.board.IncidentBoard;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fixer's lines on the incident's issue, in one place: a board that fails loses a note, never an
 * action (the events on {@code fixer.actions} are the record).
 */
public final class IncidentNotes {
  private static final Logger LOG = Logger.getLogger(IncidentNotes.class);
  static final String FIXED = "status: fixed";
  static final String ESCALATED = "status: escalated";
  static final String AWAITING = "status: awaiting-approval";

  private final IncidentBoard board;

  public IncidentNotes(IncidentBoard board) {
    this.board = board;
  }

  void say(IncidentRef incident, String markdown) {
    write(incident, markdown, null);
  }

  void fixed(IncidentRef incident, String markdown) {
    write(incident, markdown, FIXED);
  }

  void escalated(IncidentRef incident, String markdown) {
    write(incident, markdown, ESCALATED);
  }

  void awaiting(IncidentRef incident, String markdown) {
    write(incident, markdown, AWAITING);
  }

  void answered(IncidentRef incident) {
    incident.issueNumber().ifPresent(issue -> board.removeLabels(issue, Set.of(AWAITING)));
  }

  private void write(IncidentRef incident, String markdown, String label) {
    if (incident.issue() == null) {
      LOG.warnf("incident %s names no issue: not noted: %s", incident.id(), markdown);
      return;
    }
    try {
      if (label != null) {
        board.addLabels(incident.issue(), Set.of(label));
      }
      board.comment(incident.issue(), markdown);
    } catch (RuntimeException e) {
      LOG.warnf(
          "incident %s: issue #%d could not be written (%s): %s",
          incident.id(), incident.issue(), e.getMessage(), markdown);
    }
  }
}
