package io.srespace.brain.llm;

import java.util.List;
import java.util.regex.Pattern;

/** Removes what looks like a secret from telemetry before it leaves for a language model. */
public final class Redaction {
  private static final String HIDDEN = "[redacted]";

  private static final List<Pattern> SECRETS =
      List.of(
          Pattern.compile(
              "(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization)"
                  + "(\\s*[:=]\\s*)((?:bearer\\s+|basic\\s+)?(?:\"[^\"]*\"|'[^']*'|\\S+))"),
          Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/=-]{8,})"),
          Pattern.compile(
              "()()\\b(sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})"),
          Pattern.compile("()()(://[^/\\s:@]+:[^/\\s@]+@)"));

  private Redaction() {}

  public static String redact(String text) {
    String result = text;
    for (Pattern secret : SECRETS) {
      result = secret.matcher(result).replaceAll(m -> m.group(1) + m.group(2) + HIDDEN);
    }
    return result;
  }
}
