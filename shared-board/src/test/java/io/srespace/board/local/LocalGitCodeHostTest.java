package io.srespace.board.local;

import io.srespace.board.CodeHost;
import io.srespace.board.CodeHostContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class LocalGitCodeHostTest extends CodeHostContract {
  @TempDir Path directory;
  private LocalGitCodeHost host;

  @BeforeEach
  void seedRepository() {
    host = LocalGitCodeHost.open(directory.resolve("gitops.git"), "fixer");
    host.createBranch("seed");
    host.commit("seed", "Seed", Map.of(CONFIG, ORIGINAL));
    host.squashMerge(
        host.openPullRequest("seed", "Seed", "", 0).number(), "Seed the configuration");
    host.deleteBranch("seed");
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  @Override
  protected CodeHost host() {
    return host;
  }
}
