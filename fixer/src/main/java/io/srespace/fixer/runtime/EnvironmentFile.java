package io.srespace.fixer.runtime;

import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The KEY=value file a supervised program sources when it starts, changed key by key so that the
 * keys, comments and order already there are kept: the only way a new environment reaches a program
 * that supervisord runs.
 */
final class EnvironmentFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]*");

  private EnvironmentFile() {}

  /**
   * Sets {@code changes} in {@code file} (created with its folder when missing), replacing those
   * keys where they stand and appending new ones in name order; the file is replaced atomically.
   *
   * @throws IllegalArgumentException for a name a shell cannot export or a value with a line break
   */
  static void merge(Path file, Map<String, String> changes) throws IOException {
    changes.forEach(EnvironmentFile::validate);
    Map<String, String> pending = new TreeMap<>(changes);
    List<String> lines = new ArrayList<>();
    for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
      Optional<String> key = key(line);
      if (key.isPresent() && changes.containsKey(key.get())) {
        String value = pending.remove(key.get());
        if (value != null) {
          lines.add(line(key.get(), value));
        }
      } else {
        lines.add(line);
      }
    }
    pending.forEach((key, value) -> lines.add(line(key, value)));
    EnvFile.replace(file, lines.stream().map(line -> line + "\n").collect(Collectors.joining()));
  }

  /** The variables {@code file} sets, as a shell sourcing it would see them; empty when missing. */
  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.matches()) {
          variables.put(assignment.group(1), unquote(assignment.group(2).strip()));
        }
      }
    }
    return variables;
  }

  private static Optional<String> key(String line) {
    Matcher assignment = ASSIGNMENT.matcher(line);
    return assignment.matches() ? Optional.of(assignment.group(1)) : Optional.empty();
  }

  private static void validate(String key, String value) {
    if (key == null || !NAME.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "'%s' is not an environment variable name a shell can export".formatted(key));
    }
    if (value == null) {
      throw new IllegalArgumentException("environment variable %s has no value".formatted(key));
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "the value of environment variable %s has a line break or NUL".formatted(key));
    }
  }

  static String line(String key, String value) {
    return key + "=" + quote(value);
  }

  static String quote(String value) {
    return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }

  static String unquote(String raw) {
    StringBuilder value = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\'') {
        int end = raw.indexOf('\'', i + 1);
        end = end < 0 ? raw.length() : end;
        value.append(raw, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(raw, i + 1, value);
      } else if (c == '\\' && i + 1 < raw.length()) {
        value.append(raw.charAt(i + 1));
        i += 2;
      } else if (Character.isWhitespace(c) || c == '#') {
        break;
      } else {
        value.append(c);
        i++;
      }
    }
    return value.toString();
  }

  private static int doubleQuoted(String raw, int start, StringBuilder value) {
    int i = start;
    while (i < raw.length() && raw.charAt(i) != '"') {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
        value.append(raw.charAt(i + 1));
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    return i + 1;
  }
}
