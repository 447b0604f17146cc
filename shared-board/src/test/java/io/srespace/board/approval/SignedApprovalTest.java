package io.srespace.board.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The terms every reader of an answer holds it to (Fixer, and the console before it posts one). */
class SignedApprovalTest {
  private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");
  private final KeyPair alice = SignedApproval.newKeys();

  @Test
  void anAnswerForThisIssueValidWithinTheHourHolds() {
    SignedApproval answer = signed(12, NOW.plus(Duration.ofMinutes(30)));

    assertThat(answer.outOfTerms(12, NOW)).isEmpty();
    assertThat(answer.signedBy(alice.getPublic())).isTrue();
    assertThat(SignedApproval.find("ok\n" + answer.line(), "act-1")).contains(answer);
  }

  @Test
  void anotherIssueAnExpiredAnswerOrOneValidTooLongDoesNot() {
    assertThat(signed(12, NOW.plusSeconds(60)).outOfTerms(13, NOW))
        .contains("the answer was signed for issue #12");
    assertThat(signed(12, NOW).outOfTerms(12, NOW)).contains("the answer expired at " + NOW);
    assertThat(signed(12, NOW.plus(SignedApproval.LONGEST).plusSeconds(1)).outOfTerms(12, NOW))
        .contains("an answer may be valid for at most 60 minutes");
    assertThat(signed(12, NOW.plusSeconds(60)).signedBy(SignedApproval.newKeys().getPublic()))
        .isFalse();
  }

  private SignedApproval signed(int issue, Instant until) {
    return SignedApproval.sign(true, "act-1", issue, until, "alice", alice.getPrivate());
  }
}
