package io.srespace.fixer.approval;

import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.approval.SignedApproval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Waits for a person's word on a high-risk action. On a board that does not authenticate its
 * authors (the local board, where an author is a name anyone writes) the answer must be signed with
 * the approver's own key ({@link SignedApproval}: bound to the action and the issue, valid for at
 * most an hour), checked against the public keys in the approvers' folder. On a board that does
 * (GitHub) a plain {@code /approve <action-id>} from an allowed login is enough. Any other answer
 * is replied to and ignored.
 */
public final class Approvals {
  /** The longest a signed answer may be valid for. */
  public static final Duration LONGEST = SignedApproval.LONGEST;

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
  private final Optional<Path> keys;
  private final Clock clock;
  private final Duration poll;

  /**
   * @param approvers who may answer (on a signing board: empty means whoever has a key)
   * @param keys the folder of the approvers' public keys, {@code <name>.pub}
   */
  public Approvals(
      IncidentBoard board, Set<String> approvers, Optional<Path> keys, Clock clock, Duration poll) {
    this.board = board;
    this.approvers = Set.copyOf(approvers);
    this.keys = keys;
    this.clock = clock;
    this.poll = poll;
  }

  /** Who may answer now (never the agents' own login, even when listed). */
  public Set<String> approvers() {
    if (signed()) {
      return publicKeys().keySet();
    }
    Optional<String> agents = board.agentLogin();
    return approvers.stream()
        .filter(login -> agents.filter(login::equals).isEmpty())
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }

  /** Whether answers must be signed: the board does not know who wrote a comment. */
  public boolean signed() {
    return !board.authenticatesAuthors();
  }

  /** Reads the issue's new comments until an allowed person answers or the deadline passes. */
  public Decision await(int issue, String actionId, Instant deadline) throws InterruptedException {
    long seen = 0;
    while (clock.instant().isBefore(deadline)) {
      for (Comment comment : board.comments(issue, seen)) {
        seen = Math.max(seen, comment.id());
        Optional<Decision> decision =
            signed()
                ? signedAnswer(issue, actionId, comment)
                : loginAnswer(issue, actionId, comment);
        if (decision.isPresent()) {
          return decision.get();
        }
      }
      Thread.sleep(poll.toMillis());
    }
    return new Decision(Answer.TIMED_OUT, null);
  }

  private Optional<Decision> signedAnswer(int issue, String actionId, Comment comment) {
    Optional<SignedApproval> signed = SignedApproval.find(comment.body(), actionId);
    if (signed.isEmpty()) {
      if (answers(comment, actionId)) {
        refuse(
            issue,
            actionId,
            "an answer on this board must be signed with the approver's key"
                + " (`./sre-space approve %d %s --as NAME`)".formatted(issue, actionId));
      }
      return Optional.empty();
    }
    SignedApproval answer = signed.get();
    Optional<String> wrong = wrong(answer, issue);
    if (wrong.isPresent()) {
      refuse(issue, actionId, wrong.get());
      return Optional.empty();
    }
    return Optional.of(
        new Decision(answer.approve() ? Answer.APPROVED : Answer.DENIED, answer.approver()));
  }

  /** Why a signed answer does not count, if it does not. */
  private Optional<String> wrong(SignedApproval answer, int issue) {
    String who = answer.approver();
    PublicKey key = publicKeys().get(who);
    Instant now = clock.instant();
    if (key == null || !approvers.isEmpty() && !approvers.contains(who)) {
      return Optional.of(
          "%s is not an approver (allowed: %s)".formatted(who, String.join(", ", approvers())));
    }
    if (!answer.signedBy(key)) {
      return Optional.of("the signature is not %s's".formatted(who));
    }
    return answer.outOfTerms(issue, now);
  }

  private Optional<Decision> loginAnswer(int issue, String actionId, Comment comment) {
    Matcher m = COMMAND.matcher(comment.body());
    while (m.find()) {
      if (!m.group(2).equals(actionId)) {
        continue;
      }
      if (board.agentLogin().filter(comment.author()::equals).isPresent()) {
        refuse(
            issue,
            actionId,
            "%s is the agents' own login: the system cannot approve its own actions"
                .formatted(comment.author()));
        continue;
      }
      if (!approvers.contains(comment.author())) {
        refuse(
            issue,
            actionId,
            "%s may not %s it; allowed: %s"
                .formatted(comment.author(), m.group(1), String.join(", ", approvers())));
        continue;
      }
      return Optional.of(
          new Decision(
              m.group(1).equals("approve") ? Answer.APPROVED : Answer.DENIED, comment.author()));
    }
    return Optional.empty();
  }

  private static boolean answers(Comment comment, String actionId) {
    Matcher m = COMMAND.matcher(comment.body());
    while (m.find()) {
      if (m.group(2).equals(actionId)) {
        return true;
      }
    }
    return false;
  }

  private void refuse(int issue, String actionId, String why) {
    LOG.infof("an answer to %s is ignored: %s", actionId, why);
    board.comment(issue, "Fixer: an answer to %s is ignored: %s.".formatted(actionId, why));
  }

  /** The approvers' public keys, read anew each time: a key added or removed counts at once. */
  private Map<String, PublicKey> publicKeys() {
    Map<String, PublicKey> found = new TreeMap<>();
    if (keys.isEmpty() || !Files.isDirectory(keys.get())) {
      return found;
    }
    try (Stream<Path> files = Files.list(keys.get())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pub")).toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.pub$", "");
        try {
          found.put(name, SignedApproval.publicKey(Files.readString(file)));
        } catch (IllegalArgumentException | IOException e) {
          LOG.warnf("approver key %s is not used: %s", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warnf("cannot read the approvers' keys in %s: %s", keys.get(), e.getMessage());
    }
    return found;
  }
}
