package io.srespace.board.local;

import java.nio.file.Path;

/** A separate process for the concurrency test: adds numbered comments to one issue as one user. */
public final class CommentWriter {
  private CommentWriter() {}

  public static void main(String[] args) {
    Path repository = Path.of(args[0]);
    String author = args[1];
    int issue = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    try (LocalGitBoard board = LocalGitBoard.open(repository, author)) {
      for (int i = 1; i <= count; i++) {
        board.comment(issue, author + " " + i);
      }
    }
  }
}
