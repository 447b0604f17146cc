package io.srespace.console.approvals;

import io.srespace.board.BoardException;
import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.console.Refused;
import io.srespace.console.incidents.IncidentLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Posts a person's answer to an action Fixer waits on, as that person, on the incident's issue. The
 * page signs the answer with the approver's own key, in the browser; the console never sees the
 * key. It checks what Fixer will check (the incident waits on that very action, the answer is
 * signed by a known approver for that issue, it has not expired and is valid for at most an hour)
 * so that a wrong answer is told at once rather than ignored on the board, then comments it.
 */
@ApplicationScoped
public class AnswerDesk {
  /** What was posted: whose answer, to which action, on which issue. */
  public record Posted(String approver, boolean approve, String actionId, int issue) {}

  private static final Logger LOG = Logger.getLogger(AnswerDesk.class);
  private static final int LONGEST_LINE = 600;

  private final IncidentLedger incidents;
  private final Optional<Path> board;
  private final Optional<Path> keys;
  private final Clock clock;

  @Inject
  public AnswerDesk(IncidentLedger incidents, ApprovalsConfig config) {
    this(
        incidents,
        config.board().filter(path -> !path.isBlank()).map(Path::of),
        config.keys().filter(path -> !path.isBlank()).map(Path::of),
        Clock.systemUTC());
  }

  AnswerDesk(IncidentLedger incidents, Optional<Path> board, Optional<Path> keys, Clock clock) {
    this.incidents = incidents;
    this.board = board;
    this.keys = keys;
    this.clock = clock;
  }

  /** Whether answers can be posted from the page here. */
  public boolean open() {
    return board.isPresent() && keys.isPresent();
  }

  /** Checks the signed {@code line} against what {@code incidentId} waits on, then posts it. */
  public Posted answer(String incidentId, String line) throws Refused {
    if (!open()) {
      throw new Refused(
          503,
          "answers cannot be posted from this console: it has no local board"
              + " (console.approvals.board, console.approvals.keys)");
    }
    if (line == null || line.isBlank() || line.length() > LONGEST_LINE) {
      throw new Refused(
          400, "an answer is one signed line of at most " + LONGEST_LINE + " characters");
    }
    IncidentLedger.Awaiting awaiting =
        incidents
            .awaiting(incidentId)
            .orElseThrow(
                () -> new Refused(409, "%s waits for no answer now".formatted(incidentId)));
    String actionId = awaiting.request().actionId();
    SignedApproval answer =
        SignedApproval.find(line, actionId)
            .orElseThrow(
                () ->
                    new Refused(
                        400,
                        "not a signed answer to %s: /approve|deny %s on #ISSUE until TIME by NAME sig:…"
                            .formatted(actionId, actionId)));
    Instant now = clock.instant();
    if (awaiting.issue() == null) {
      throw new Refused(400, "%s has no issue to answer on".formatted(incidentId));
    }
    if (!awaiting.request().deadline().isAfter(now)) {
      throw new Refused(409, "Fixer stopped waiting at " + awaiting.request().deadline());
    }
    // The terms Fixer holds the answer to, in the same words.
    Optional<String> terms = answer.outOfTerms(awaiting.issue(), now);
    if (terms.isPresent()) {
      throw new Refused(400, terms.get());
    }
    if (!awaiting.request().approvers().isEmpty()
        && !awaiting.request().approvers().contains(answer.approver())) {
      throw new Refused(
          403,
          "Fixer asked %s, not %s"
              .formatted(String.join(", ", awaiting.request().approvers()), answer.approver()));
    }
    PublicKey key = publicKey(answer.approver());
    if (!answer.signedBy(key)) {
      throw new Refused(403, "the signature is not %s's".formatted(answer.approver()));
    }
    try (LocalGitBoard local = LocalGitBoard.open(board.get(), answer.approver())) {
      local.comment(awaiting.issue(), answer.line());
    } catch (BoardException e) {
      throw new Refused(502, "the board did not take the answer: " + e.getMessage());
    }
    LOG.infof(
        "incident %s: %s %s %s on #%d",
        incidentId,
        answer.approver(),
        answer.approve() ? "approved" : "denied",
        actionId,
        awaiting.issue());
    return new Posted(answer.approver(), answer.approve(), actionId, awaiting.issue());
  }

  private PublicKey publicKey(String approver) throws Refused {
    Path file = keys.get().resolve(approver + ".pub");
    if (!Files.isRegularFile(file)) {
      throw new Refused(
          403,
          "%s is not an approver here (./sre-space approver add %s)".formatted(approver, approver));
    }
    try {
      return SignedApproval.publicKey(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new Refused(
          500, "%s's public key cannot be read: %s".formatted(approver, e.getMessage()));
    }
  }
}
