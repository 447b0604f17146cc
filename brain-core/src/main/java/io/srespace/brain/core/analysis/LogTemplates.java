package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.LogLine;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a log message into a template (variable parts masked) and reads its severity. */
final class LogTemplates {

  private static final Pattern CLOCK_AND_LEVEL =
      Pattern.compile("^\\s*\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?\\s+");
  private static final Pattern TRACE_IDS = Pattern.compile("(?i)(trace|span)\\s*id:?\\s*[0-9a-f]+");
  private static final Pattern HEXISH =
      Pattern.compile("\\b[0-9a-fA-F]*\\d[0-9a-fA-F]*(-[0-9a-fA-F]+)+\\b|\\b[0-9a-f]{12,}\\b");

  /** Numbers, except a code location such as {@code ServiceImpl#451}: it names the log call. */
  private static final Pattern NUMBERS = Pattern.compile("(?<![#\\d])\\d+(\\.\\d+)?");

  /**
   * A line that names its code location ({@code INFO a.b.ServiceImpl#391 [method]...}): the level,
   * the location and the first bracketed word identify the log call, and the rest is its data.
   */
  private static final Pattern LOCATED =
      Pattern.compile("^(TRACE|DEBUG|INFO|WARN|ERROR)\\s+(\\S+#\\d+)\\s*(\\[[^\\]\\[]{0,60}\\])?");

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int MAX_LENGTH = 96;

  private LogTemplates() {}

  /** Each line's template, computed once per analysis however many signals read it. */
  static final class Memo {
    private final Map<LogLine, String> byLine = new IdentityHashMap<>();

    String of(LogLine line) {
      return byLine.computeIfAbsent(line, l -> template(l.message()));
    }
  }

  static String template(String message) {
    String text = CLOCK_AND_LEVEL.matcher(message).replaceFirst("");
    text = TRACE_IDS.matcher(text).replaceAll("");
    Matcher located = LOCATED.matcher(text);
    if (located.find()) {
      text = text.substring(0, located.end());
    }
    text = HEXISH.matcher(text).replaceAll("<id>");
    text = NUMBERS.matcher(text).replaceAll("<n>");
    text = SPACES.matcher(text).replaceAll(" ").trim();
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
  }

  /** True for error-level lines and lines that report an exception or failure. */
  static boolean isError(String message) {
    int limit = Math.min(message.length(), 160);
    String head = message.substring(0, limit);
    return head.contains("ERROR")
        || head.contains("\"severity\":\"error\"")
        || head.contains("severity\":\"error")
        || head.contains("Exception")
        || head.contains("exception")
        || head.contains("Failed")
        || head.contains("failed");
  }

  static boolean isWarning(String message) {
    int limit = Math.min(message.length(), 60);
    return message.substring(0, limit).contains("WARN");
  }

  /** True for error and warning lines (or their templates). */
  static boolean reportsTrouble(String message) {
    return isError(message) || isWarning(message);
  }
}
