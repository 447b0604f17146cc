package io.srespace.ops.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.board.Comment;
import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.ops.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproverTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path home;

  @Test
  void anApproverSignsAnAnswerOnTheLocalBoardThatTheirPublicKeyVerifies() throws Exception {
    Stack stack = Stack.of(REPOSITORY, Map.of("SRE_SPACE_HOME", home.toString()));
    int issue;
    try (LocalGitBoard board = LocalGitBoard.open(stack.board(), "scout")) {
      issue = board.open("INC-1", "pool", "body", Set.of()).number();
    }
    Approver alice = new Approver(stack, "alice");

    assertThat(alice.add()).isTrue();
    assertThat(alice.add()).as("a second add keeps the key").isFalse();
    var answer = alice.answer(issue, "act-1", true, Duration.ofMinutes(15));

    assertThat(Files.getPosixFilePermissions(alice.privateKey()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (LocalGitBoard board = LocalGitBoard.open(stack.board(), "fixer")) {
      Comment comment = board.comments(issue, 0).get(0);
      SignedApproval read = SignedApproval.find(comment.body(), "act-1").orElseThrow();
      assertThat(read).isEqualTo(answer);
      assertThat(read.signedBy(SignedApproval.publicKey(Files.readString(alice.publicKey()))))
          .isTrue();
      assertThat(read.signedBy(SignedApproval.newKeys().getPublic())).isFalse();
    }
    assertThatThrownBy(() -> new Approver(stack, "alice; rm -rf"))
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(
            () -> new Approver(stack, "bob").answer(issue, "act-1", true, Duration.ofMinutes(1)))
        .hasMessageContaining("approver add bob");
  }
}
