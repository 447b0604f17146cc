package io.srespace.fixer.approval;

import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Waits for a human's word on a high-risk action: {@code /approve <action-id>} or {@code /deny
 * <action-id>} commented on the incident's issue by one of the allowed users. Anyone else's command
 * is answered and ignored.
 */
public final class Approvals {
  private static final Logger LOG = Logger.getLogger(Approvals.class);
  private static final Pattern COMMAND = Pattern.compile("(?m)^\\s*/(approve|deny)\\s+(\\S+)");

  /** What became of a request for approval. */
  public enum Answer {
    APPROVED,
    DENIED,
    TIMED_OUT
  }

  /** The answer and who gave it. */
  public record Decision(Answer answer, String by) {}

  private final IncidentBoard board;
  private final Set<String> approvers;
  private final Clock clock;
  private final Duration poll;

  public Approvals(IncidentBoard board, Set<String> approvers, Clock clock, Duration poll) {
    this.board = board;
    this.approvers = Set.copyOf(approvers);
    this.clock = clock;
    this.poll = poll;
  }

  public Set<String> approvers() {
    return approvers;
  }

  /** Reads the issue's new comments until an allowed user answers or the deadline passes. */
  public Decision await(int issue, String actionId, Instant deadline) throws InterruptedException {
    long seen = 0;
    while (clock.instant().isBefore(deadline)) {
      List<Comment> comments = board.comments(issue, seen);
      for (Comment comment : comments) {
        seen = Math.max(seen, comment.id());
        Matcher m = COMMAND.matcher(comment.body());
        while (m.find()) {
          if (!m.group(2).equals(actionId)) {
            continue;
          }
          if (!approvers.contains(comment.author())) {
            LOG.infof("%s may not answer %s; ignored", comment.author(), actionId);
            board.comment(
                issue,
                "Fixer: %s may not %s %s; allowed: %s."
                    .formatted(
                        comment.author(), m.group(1), actionId, String.join(", ", approvers)));
            continue;
          }
          return new Decision(
              m.group(1).equals("approve") ? Answer.APPROVED : Answer.DENIED, comment.author());
        }
      }
      Thread.sleep(poll.toMillis());
    }
    return new Decision(Answer.TIMED_OUT, null);
  }
}
