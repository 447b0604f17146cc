package io.srespace.console.approvals;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where a person's answer to Fixer goes: the local board's repository, and the approvers' public
 * keys the answer is checked against before it is posted (Fixer checks it again). Without a board
 * the page cannot answer.
 */
@ConfigMapping(prefix = "console.approvals")
public interface ApprovalsConfig {
  /** The local board's git repository. */
  Optional<String> board();

  /** The folder of the approvers' public keys, {@code <name>.pub}. */
  Optional<String> keys();
}
