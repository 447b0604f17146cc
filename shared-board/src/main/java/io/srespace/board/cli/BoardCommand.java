package io.srespace.board.cli;

import io.srespace.board.BoardException;
import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.board.local.LocalGitBoard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The board for people at a terminal: list issues, show one with its comments, or answer on one (as
 * {@code /approve act-1} or {@code MITIGATION: ...}), on the local git board.
 */
public final class BoardCommand {
  static final String USAGE =
      """
      usage: board [--repo DIR] list [--all]
             board [--repo DIR] show <number>
             board [--repo DIR] comment <number> --as <user> <text...>
        --repo   the local board's git repository (default .sre-space/board.git)
      With GITHUB_TOKEN and GITHUB_REPOSITORY set, the board is that repository's issues
      (GITHUB_API_URL for GitHub Enterprise), and comments are written as the token's user.
      """;

  private BoardCommand() {}

  public static void main(String[] args) {
    try {
      System.exit(run(List.of(args), System.getenv(), System.out));
    } catch (BoardException e) {
      System.err.println("board: " + e.getMessage());
      System.exit(1);
    } catch (IllegalArgumentException e) {
      System.err.println("board: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
    }
  }

  static int run(List<String> arguments, Map<String, String> environment, PrintStream out) {
    List<String> args = new ArrayList<>(arguments);
    Path repository = Path.of(".sre-space", "board.git");
    // --repo DIR, before or after the command.
    int repo = args.indexOf("--repo");
    if (repo >= 0) {
      if (repo + 1 >= args.size()) {
        throw new IllegalArgumentException("--repo needs a folder");
      }
      repository = Path.of(args.get(repo + 1));
      args.subList(repo, repo + 2).clear();
    }
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no command");
    }
    String author = "cli";
    if (args.get(0).equals("comment")) {
      int as = args.indexOf("--as");
      if (as < 0 || as + 1 >= args.size()) {
        throw new IllegalArgumentException("comment needs --as <user>");
      }
      author = args.get(as + 1);
      args = new ArrayList<>(args);
      args.remove(as + 1);
      args.remove(as);
    }
    try (LocalGitBoard board = LocalGitBoard.open(repository, author)) {
      return switch (args.get(0)) {
        case "list" -> list(board, args.contains("--all"), out);
        case "show" -> show(board, number(args), out);
        case "comment" ->
            comment(board, number(args), String.join(" ", args.subList(2, args.size())), out);
        default -> throw new IllegalArgumentException("unknown command " + args.get(0));
      };
    }
  }

  private static int list(IncidentBoard board, boolean all, PrintStream out) {
    List<Issue> issues = board.issues(all);
    if (issues.isEmpty()) {
      out.println(all ? "no issues" : "no open issues");
    }
    for (Issue issue : issues) {
      out.printf(
          "#%-4d %-6s %-60s %s%n",
          issue.number(),
          issue.open() ? "open" : "closed",
          issue.title(),
          String.join(", ", issue.labels()));
    }
    return 0;
  }

  private static int show(IncidentBoard board, int number, PrintStream out) {
    Issue issue =
        board
            .issue(number)
            .orElseThrow(
                () -> new BoardException(BoardException.Reason.NOT_FOUND, "no issue #" + number));
    out.printf("#%d %s [%s]%n", issue.number(), issue.title(), issue.open() ? "open" : "closed");
    if (!issue.labels().isEmpty()) {
      out.println("labels: " + String.join(", ", issue.labels()));
    }
    out.println();
    out.println(issue.body().replaceAll("<!-- sre-space:incident=[^>]* -->", "").strip());
    for (Comment comment : board.comments(number, 0)) {
      out.printf("%n── %s · %s%n%s%n", comment.author(), comment.createdAt(), comment.body());
    }
    return 0;
  }

  private static int comment(IncidentBoard board, int number, String text, PrintStream out) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("nothing to say");
    }
    Comment comment = board.comment(number, text);
    out.printf("commented on #%d as %s (comment %d)%n", number, comment.author(), comment.id());
    return 0;
  }

  private static int number(List<String> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException(args.get(0) + " needs an issue number");
    }
    try {
      return Integer.parseInt(args.get(1).replace("#", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an issue number: " + args.get(1));
    }
  }
}
