package io.srespace.board.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.board.BoardException;
import io.srespace.board.Issue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A board someone else holds locked, or whose files someone broke, fails clearly or reads on. */
class BoardTroubleTest {
  @TempDir Path directory;

  @Test
  void aLockHeldByAnotherProcessFailsAWriterAfterItsWaitNamingTheLock() throws Exception {
    Path repository = directory.resolve("board.git");
    try (LocalGitBoard board = LocalGitBoard.open(repository, "scout")) {
      board.open("INC-1", "first", "b", Set.of());
    }
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                repository.resolve("sre-space.lock").toString(),
                "20")
            .redirectErrorStream(true)
            .start();
    try {
      var lines =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("held");
      long started = System.nanoTime();
      // Opening the board writes under its lock too: it is where a writer waits first.
      assertThatThrownBy(() -> reopen(repository, Duration.ofSeconds(1)))
          .isInstanceOf(BoardException.class)
          .hasMessageContaining("the board is locked")
          .hasMessageContaining("sre-space.lock");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
          .isLessThan(Duration.ofSeconds(10));
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
    // Once the holder is gone, writing goes on.
    try (LocalGitBoard board = LocalGitBoard.open(repository, "scout")) {
      assertThat(board.open("INC-2", "second", "b", Set.of()).number()).isEqualTo(2);
    }
  }

  @Test
  void aBrokenIssueFileIsSkippedAndTheOtherIssuesStillRead() {
    Path repository = directory.resolve("board.git");
    try (LocalGitBoard board = LocalGitBoard.open(repository, "scout")) {
      board.open("INC-1", "first", "b", Set.of());
      try (GitStore store = reopen(repository, Duration.ofSeconds(5))) {
        store.commit(
            "main",
            null,
            "broken by hand",
            new PersonIdent("someone", "someone@example.invalid"),
            Map.of(
                "issues/2.md", "no front matter at all",
                "issues/3.md", "---\nnumber: three\ntitle: x\nstate: open\n---\nbody\n"));
      }

      assertThat(board.issues(true)).extracting(Issue::number).containsExactly(1);
      assertThat(board.findOpen("INC-1")).isPresent();
      assertThat(board.open("INC-4", "fourth", "b", Set.of()).number())
          .as("numbered after every issue file, a broken one is not overwritten")
          .isEqualTo(4);
    }
  }

  private static GitStore reopen(Path repository, Duration lockWait) {
    return GitStore.open(
        repository, "main", new PersonIdent("test", "test@example.invalid"), lockWait);
  }
}
