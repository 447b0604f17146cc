package io.srespace.board.github;

import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import java.io.IOException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

/** Runs a GitHub call and turns its failure into a {@link BoardException} that says what failed. */
final class GitHubCalls {
  private GitHubCalls() {}

  interface Call<T> {
    T run() throws IOException;
  }

  static <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (GHFileNotFoundException e) {
      throw new BoardException(Reason.NOT_FOUND, what + ": not found on GitHub", e);
    } catch (HttpException e) {
      throw new BoardException(
          reason(e.getResponseCode()),
          what + ": GitHub answered " + e.getResponseCode() + summary(e),
          e);
    } catch (IOException e) {
      throw new BoardException(Reason.FAILED, what + ": " + e.getMessage(), e);
    }
  }

  static Reason reason(int status) {
    return switch (status) {
      case 401, 403 -> Reason.UNAUTHORIZED;
      case 404 -> Reason.NOT_FOUND;
      case 405, 409 -> Reason.CONFLICT;
      case 422 -> Reason.INVALID;
      default -> Reason.FAILED;
    };
  }

  private static String summary(HttpException e) {
    String message = e.getMessage();
    if (message == null) {
      return "";
    }
    int start = message.indexOf("\"message\":\"");
    if (start < 0) {
      return "";
    }
    int end = message.indexOf('"', start + 11);
    return end < 0 ? "" : " (" + message.substring(start + 11, end) + ")";
  }
}
