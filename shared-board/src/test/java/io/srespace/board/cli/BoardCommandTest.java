package io.srespace.board.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.board.local.LocalGitBoard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardCommandTest {
  @TempDir Path directory;

  @Test
  void listsShowsAndAnswersOnTheLocalBoard() {
    Path repository = directory.resolve("board.git");
    try (LocalGitBoard board = LocalGitBoard.open(repository, "scout")) {
      int issue =
          board
              .open("INC-9", "policy-service is slow", "p95 at 900 ms", Set.of("incident"))
              .number();
      board.comment(issue, "MITIGATION: RESTART policy-service");
    }

    String listed = run("--repo", repository.toString(), "list");
    String answered =
        run("--repo", repository.toString(), "comment", "1", "--as", "alice", "/approve", "act-1");
    String shown = run("--repo", repository.toString(), "show", "#1");

    assertThat(listed)
        .contains("#1")
        .contains("open")
        .contains("policy-service is slow")
        .contains("incident");
    assertThat(run("list", "--repo", repository.toString()))
        .as("--repo after the command")
        .isEqualTo(listed);
    assertThat(answered).isEqualTo("commented on #1 as alice (comment 2)\n");
    assertThat(shown)
        .contains("#1 policy-service is slow [open]")
        .contains("p95 at 900 ms")
        .doesNotContain("sre-space:incident")
        .contains("── scout · ")
        .contains("MITIGATION: RESTART policy-service")
        .contains("── alice · ")
        .contains("/approve act-1");
  }

  @Test
  void badUsageIsExplained() {
    assertThatThrownBy(() -> run("--repo", directory.toString(), "show"))
        .hasMessage("show needs an issue number");
    assertThatThrownBy(() -> run("--repo", directory.toString(), "comment", "1", "hi"))
        .hasMessage("comment needs --as <user>");
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BoardCommand.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
