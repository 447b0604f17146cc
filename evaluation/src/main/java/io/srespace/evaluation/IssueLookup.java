package io.srespace.evaluation;

import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an incident's issue on the board and reads its state; a board that fails is reported as
 * "not known yet", never as an answer, and its last error is kept for the report.
 */
final class IssueLookup {
  private static final Pattern NUMBER = Pattern.compile("(\\d+)\\s*$");
  private final IncidentBoard board;
  private volatile String lastError;

  IssueLookup(IncidentBoard board) {
    this.board = board;
  }

  /** The issue of the incident: its open issue, else any issue carrying its marker. */
  Optional<Integer> issueOf(String incidentId) {
    if (board == null) {
      return Optional.empty();
    }
    try {
      Optional<Issue> open = board.findOpen(incidentId);
      if (open.isPresent()) {
        return Optional.of(open.get().number());
      }
      String marker = IncidentBoard.marker(incidentId);
      return board.issues(true).stream()
          .filter(issue -> issue.body() != null && issue.body().contains(marker))
          .map(Issue::number)
          .findFirst();
    } catch (RuntimeException e) {
      lastError = "board: " + e.getMessage();
      return Optional.empty();
    }
  }

  /** Whether the issue is closed; empty when the board cannot tell. */
  Optional<Boolean> closed(int number) {
    if (board == null) {
      return Optional.empty();
    }
    try {
      return board.issue(number).map(issue -> !issue.open());
    } catch (RuntimeException e) {
      lastError = "board: " + e.getMessage();
      return Optional.empty();
    }
  }

  String lastError() {
    return lastError;
  }

  /** The issue number in a reference such as "#4", "4" or ".../issues/4". */
  static Optional<Integer> number(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Matcher matcher = NUMBER.matcher(reference.strip());
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }
}
