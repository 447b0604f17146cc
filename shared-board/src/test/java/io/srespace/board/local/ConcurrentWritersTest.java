package io.srespace.board.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.Comment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three agent processes comment on the same issue at once; nothing is lost or corrupted. */
class ConcurrentWritersTest {
  private static final int EACH = 100;
  private static final List<String> WRITERS = List.of("scout", "brain", "fixer");

  @Test
  void threeProcessesAddAHundredCommentsEachToOneIssue(@TempDir Path directory) throws Exception {
    Path repository = directory.resolve("board.git");
    int issue;
    try (LocalGitBoard board = LocalGitBoard.open(repository, "scout")) {
      issue = board.open("INC-1", "busy incident", "b", Set.of()).number();
    }

    List<Process> writers = new ArrayList<>();
    for (String writer : WRITERS) {
      writers.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CommentWriter.class.getName(),
                  repository.toString(),
                  writer,
                  String.valueOf(issue),
                  String.valueOf(EACH))
              .inheritIO()
              .start());
    }
    for (Process writer : writers) {
      assertThat(writer.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(writer.exitValue()).isZero();
    }

    List<Comment> comments;
    try (LocalGitBoard board = LocalGitBoard.open(repository, "reader")) {
      comments = board.comments(issue, 0);
    }
    assertThat(comments).hasSize(WRITERS.size() * EACH);
    assertThat(comments).extracting(Comment::id).isSorted().doesNotHaveDuplicates();
    for (String writer : WRITERS) {
      List<String> own =
          comments.stream().filter(c -> c.author().equals(writer)).map(Comment::body).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= EACH; i++) {
        expected.add(writer + " " + i);
      }
      assertThat(own).as(writer).containsExactlyElementsOf(expected);
    }
    Process fsck =
        new ProcessBuilder("git", "--git-dir", repository.toString(), "fsck", "--full", "--strict")
            .redirectErrorStream(true)
            .start();
    String report = new String(fsck.getInputStream().readAllBytes());
    assertThat(fsck.waitFor()).as(report).isZero();
    Process log =
        new ProcessBuilder("git", "--git-dir", repository.toString(), "rev-list", "--count", "main")
            .start();
    assertThat(new String(log.getInputStream().readAllBytes()).strip())
        .as("one commit per change, plus the first two")
        .isEqualTo(String.valueOf(WRITERS.size() * EACH + 2));
  }
}
