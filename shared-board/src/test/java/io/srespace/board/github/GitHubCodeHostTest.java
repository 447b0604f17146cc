package io.srespace.board.github;

import io.srespace.board.CodeHost;
import io.srespace.board.CodeHostContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The code host contract against the GitHub adapter, with WireMock speaking GitHub's REST API. */
class GitHubCodeHostTest extends CodeHostContract {
  private FakeGitHubServer fake;
  private GitHubCodeHost host;

  @BeforeEach
  void connect() {
    fake = new FakeGitHubServer();
    fake.github.seed(Map.of(CONFIG, ORIGINAL));
    host = GitHubCodeHost.connect(fake.settings());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Override
  protected CodeHost host() {
    return host;
  }
}
