package io.srespace.ops.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.ConfigChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying a change as a person would, on a real git repository. */
class GitOpsRepositoryTest {
  @TempDir Path folder;

  private static String git(Path directory, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  @Test
  void commitsTheChangedKeyOnTheDefaultBranchAndNothingWhenItIsAlreadySo() throws Exception {
    Path seed = folder.resolve("seed");
    Files.createDirectories(seed);
    Files.writeString(
        seed.resolve("policy-service.env"), "# limit\nPRICING_ACCEPTANCE_LIMIT=0.8\n");
    git(seed, "init", "-q", "-b", "main");
    git(seed, "add", ".");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed");
    Path bare = folder.resolve("gitops.git");
    git(folder, "clone", "-q", "--bare", seed.toString(), bare.toString());
    GitOpsRepository repository = new GitOpsRepository(bare);

    var changed =
        repository.commit(
            "Lower it", "policy-service.env", Map.of("PRICING_ACCEPTANCE_LIMIT", "0.00"));
    var again =
        repository.commit(
            "Lower it", "policy-service.env", Map.of("PRICING_ACCEPTANCE_LIMIT", "0.00"));

    assertThat(changed)
        .get()
        .extracting(GitOpsRepository.Committed::commit)
        .isEqualTo(git(bare, "rev-parse", "main").strip());
    assertThat(changed.get().changes())
        .containsExactly(
            new ConfigChange("policy-service.env", "PRICING_ACCEPTANCE_LIMIT", "0.8", "0.00"));
    assertThat(again).isEmpty();
    assertThat(git(bare, "log", "--format=%s %an", "main")).startsWith("Lower it operator\nseed");
    assertThat(git(bare, "show", "main:policy-service.env"))
        .isEqualTo("# limit\nPRICING_ACCEPTANCE_LIMIT=0.00\n");
  }

  @Test
  void aMissingRepositoryIsNamed() {
    GitOpsRepository repository = new GitOpsRepository(folder.resolve("none.git"));

    assertThatThrownBy(() -> repository.commit("m", "a.env", Map.of("A", "1")))
        .hasMessageContaining("no GitOps repository at")
        .hasMessageContaining("Fixer creates it when it starts");
  }
}
