package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.board.local.LocalGitCodeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRepositoryTest {
  private static final Path SEED = Path.of("..", "infra", "gitops");
  private static final String FILE = "policy-service.env";

  @TempDir Path directory;
  private LocalGitCodeHost host;
  private ConfigRepository repository;

  @BeforeEach
  void openNewRepository() {
    host = LocalGitCodeHost.open(directory.resolve("gitops.git"), "fixer");
    repository = new ConfigRepository(host);
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  @Test
  void seedsANewRepositoryFromTheSeedFolderOnce() throws Exception {
    assertThat(repository.read("README.md")).isPresent();
    assertThat(repository.read(FILE)).isEmpty();

    assertThat(repository.seedIfEmpty(SEED))
        .containsExactlyInAnyOrder(FILE, "quote-service.env", "user-service.env");
    assertThat(repository.seedIfEmpty(SEED)).isEmpty();

    assertThat(repository.read(FILE)).contains(Files.readString(SEED.resolve(FILE)));
    assertThat(repository.environment(FILE))
        .containsEntry("DB_POOL_MAX_SIZE", "4")
        .containsEntry("PRICING_ACCEPTANCE_LIMIT", "0.8");
  }

  @Test
  void leavesARepositoryThatAlreadyHoldsTheSeedFilesAsItIs() throws Exception {
    Path seed = Files.createDirectories(directory.resolve("seed/policy"));
    Files.writeString(seed.resolve("app.properties"), "a=1\n");
    repository.seedIfEmpty(seed);
    host.commit(host.defaultBranch(), "Tune", Map.of("app.properties", "a=2\n"));

    assertThat(repository.seedIfEmpty(seed)).isEmpty();

    assertThat(repository.environment("app.properties")).containsExactly(Map.entry("a", "2"));
  }

  @Test
  void saysWhichFileIsMissingOrUnparseable() {
    host.commit(host.defaultBranch(), "Break", Map.of("broken.env", "not a setting\n"));

    assertThatThrownBy(() -> repository.environment(FILE))
        .isInstanceOf(GitOpsException.class)
        .hasMessage("policy-service.env is not on main of the configuration repository");
    assertThatThrownBy(() -> repository.environment("broken.env"))
        .isInstanceOf(GitOpsException.class)
        .hasMessageStartingWith("broken.env cannot be parsed: line 1");
    assertThatThrownBy(() -> repository.seedIfEmpty(directory.resolve("nowhere")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("does not exist");
  }
}
