package io.srespace.knowledge;

import java.util.ArrayList;
import java.util.List;

/** Splits text into lines that keep their terminators, so joining them gives the text back. */
public final class Lines {
  private Lines() {}

  public static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  public static String content(String line) {
    return line.substring(0, line.length() - terminator(line).length());
  }

  public static String terminator(String line) {
    if (line.endsWith("\r\n")) {
      return "\r\n";
    }
    return line.endsWith("\n") ? "\n" : "";
  }

  /** The line break the text uses, for lines added to it. */
  public static String newline(String text) {
    return text.contains("\r\n") ? "\r\n" : "\n";
  }

  /** The lines plus one more, with a line break before it when the last line had none. */
  public static String append(String text, String line) {
    String newline = newline(text);
    String separator = text.isEmpty() || text.endsWith("\n") ? "" : newline;
    return text + separator + line + newline;
  }
}
