package io.srespace.ops.approval;

import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.events.kafka.Credentials;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A person who may approve Fixer's high-risk actions on the local board: their private key in
 * {@code .sre-space/approvers/<name>.key} (owner-only), their public key in {@code
 * .sre-space/approver-keys/<name>.pub}, which Fixer reads.
 */
public final class Approver {
  private final Stack stack;
  private final String name;

  public Approver(Stack stack, String name) {
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "an approver's name is 1 to 64 letters, digits and ._- (was '%s')".formatted(name));
    }
    this.stack = stack;
    this.name = name;
  }

  public static Path publicKeys(Stack stack) {
    return stack.home().resolve("approver-keys");
  }

  Path privateKey() {
    return stack.home().resolve("approvers").resolve(name + ".key");
  }

  Path publicKey() {
    return publicKeys(stack).resolve(name + ".pub");
  }

  /** Makes the approver's key pair; an approver who has one keeps it. */
  public boolean add() throws IOException {
    if (Files.exists(privateKey())) {
      return false;
    }
    KeyPair keys = SignedApproval.newKeys();
    Credentials.privateFolder(privateKey().getParent());
    Credentials.writeOwnerOnly(privateKey(), SignedApproval.encode(keys.getPrivate()));
    Files.createDirectories(publicKey().getParent());
    Files.writeString(publicKey(), SignedApproval.encode(keys.getPublic()));
    return true;
  }

  /** Signs the answer with the approver's key and comments it on the issue of the local board. */
  public SignedApproval answer(int issue, String actionId, boolean approve, Duration valid)
      throws IOException {
    if (!Files.exists(privateKey())) {
      throw new IllegalStateException(
          "%s has no key: ./sre-space approver add %s first".formatted(name, name));
    }
    SignedApproval answer =
        SignedApproval.sign(
            approve,
            actionId,
            issue,
            Instant.now().plus(valid).truncatedTo(ChronoUnit.SECONDS),
            name,
            SignedApproval.privateKey(Files.readString(privateKey())));
    try (LocalGitBoard board = LocalGitBoard.open(stack.board(), name)) {
      board.comment(issue, answer.line());
    }
    return answer;
  }
}
