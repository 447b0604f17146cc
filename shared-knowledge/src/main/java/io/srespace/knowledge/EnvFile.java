package io.srespace.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and editor of {@code KEY=value} files (a service's deployed configuration, as
 * Compose reads a {@code .env} file), used by Fixer, Brain and the launcher; edited line by line so
 * comments, blank lines and order stay. Values may be unquoted (an inline comment starts at a
 * {@code #} after whitespace), single-quoted (literal) or double-quoted ({@code \n}, {@code \t},
 * {@code \"} and {@code \\} escapes); a value spans one line and {@code ${VAR}} is not expanded. A
 * key set twice makes the file unparseable, since an edit could not say which one it changed.
 */
public final class EnvFile {

  private static final Pattern ENTRY =
      Pattern.compile("^(\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=[ \\t]*)(.*)$");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:,@%+=-]*");

  /** A text that is not a valid {@code KEY=value} file, or an edit it cannot take. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  private EnvFile() {}

  /** The keys and values, in file order. */
  public static Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    entries(Lines.split(text)).forEach(entry -> values.put(entry.key(), entry.value()));
    return Collections.unmodifiableMap(values);
  }

  /** The text with {@code key} set to {@code value}: its line replaced, or one appended. */
  public static String set(String text, String key, String value) {
    if (!ENTRY.matcher(key + "=").matches()) {
      throw new Invalid("'%s' is not an environment variable name".formatted(key));
    }
    List<String> lines = Lines.split(text);
    Entry existing =
        entries(lines).stream().filter(entry -> entry.key().equals(key)).findFirst().orElse(null);
    String edited;
    if (existing == null) {
      edited = Lines.append(text, key + "=" + quote(value, Quote.NONE));
    } else {
      String line = lines.get(existing.line());
      lines.set(
          existing.line(),
          existing.prefix()
              + quote(value, existing.quote())
              + existing.suffix()
              + Lines.terminator(line));
      edited = String.join("", lines);
    }
    return edited;
  }

  /** Every key and value the file sets, in file order; none when the file does not exist. */
  public static Map<String, String> readAll(Path file) throws IOException {
    return Files.isRegularFile(file) ? parse(Files.readString(file)) : Map.of();
  }

  /** The value of {@code key} in the file, if the file exists and sets it. */
  public static Optional<String> read(Path file, String key) {
    try {
      return Optional.ofNullable(readAll(file).get(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Sets each of {@code values} in the file (created when missing), replaced atomically. */
  public static void write(Path file, Map<String, String> values) throws IOException {
    String text = Files.isRegularFile(file) ? Files.readString(file) : "";
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = set(text, value.getKey(), value.getValue());
    }
    replace(file, text);
  }

  /**
   * Replaces the file's text (creating it and its folder when missing) in one atomic move, so a
   * service starting meanwhile reads the old file or the new one, never half of one.
   */
  public static void replace(Path file, String text) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static List<Entry> entries(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String content = Lines.content(lines.get(i));
      String trimmed = content.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Matcher matcher = ENTRY.matcher(content);
      if (!matcher.matches()) {
        throw new Invalid(
            "line %d is neither a comment nor KEY=value: '%s'".formatted(i + 1, content));
      }
      String key = matcher.group(2);
      Integer earlier = seen.putIfAbsent(key, i + 1);
      if (earlier != null) {
        throw new Invalid("%s is set twice, on lines %d and %d".formatted(key, earlier, i + 1));
      }
      entries.add(entry(i, key, matcher.group(1), matcher.group(3)));
    }
    return entries;
  }

  private static Entry entry(int line, String key, String prefix, String rest) {
    if (rest.startsWith("\"")) {
      StringBuilder value = new StringBuilder();
      int i = 1;
      for (; i < rest.length() && rest.charAt(i) != '"'; i++) {
        char c = rest.charAt(i);
        if (c == '\\' && i + 1 < rest.length()) {
          value.append(unescape(rest.charAt(++i)));
        } else {
          value.append(c);
        }
      }
      return quoted(line, key, prefix, rest, i, value.toString(), Quote.DOUBLE);
    }
    if (rest.startsWith("'")) {
      int close = rest.indexOf('\'', 1);
      int end = close < 0 ? rest.length() : close;
      return quoted(line, key, prefix, rest, end, rest.substring(1, end), Quote.SINGLE);
    }
    Matcher comment = Pattern.compile("\\s+#").matcher(rest);
    int end = comment.find() ? comment.start() : rest.length();
    String value = rest.substring(0, end).stripTrailing();
    return new Entry(line, key, prefix, value, rest.substring(value.length()), Quote.NONE);
  }

  private static Entry quoted(
      int line, String key, String prefix, String rest, int close, String value, Quote quote) {
    if (close >= rest.length()) {
      throw new Invalid("line %d: the value of %s has no closing quote".formatted(line + 1, key));
    }
    String suffix = rest.substring(close + 1);
    if (!suffix.isBlank() && !suffix.strip().startsWith("#")) {
      throw new Invalid(
          "line %d: text after the closing quote of %s: '%s'".formatted(line + 1, key, suffix));
    }
    return new Entry(line, key, prefix, value, suffix, quote);
  }

  private static char unescape(char escaped) {
    return switch (escaped) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      default -> escaped;
    };
  }

  private static String quote(String value, Quote preferred) {
    boolean plain = PLAIN.matcher(value).matches();
    boolean literal = value.indexOf('\'') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
    if (preferred == Quote.DOUBLE || !literal) {
      return '"'
          + value
              .replace("\\", "\\\\")
              .replace("\"", "\\\"")
              .replace("\n", "\\n")
              .replace("\r", "\\r")
              .replace("\t", "\\t")
          + '"';
    }
    if (preferred == Quote.SINGLE || !plain) {
      return "'" + value + "'";
    }
    return value;
  }

  private enum Quote {
    NONE,
    SINGLE,
    DOUBLE
  }

  private record Entry(
      int line, String key, String prefix, String value, String suffix, Quote quote) {}
}
