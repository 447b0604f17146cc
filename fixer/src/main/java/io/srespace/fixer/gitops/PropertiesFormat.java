package io.srespace.fixer.gitops;

import io.srespace.knowledge.Lines;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Java properties files, edited entry by entry so comments and order stay. Each entry is read by
 * {@link Properties#load(java.io.Reader)} itself, so escapes and continuation lines mean what they
 * mean to Java; an edited entry is written on one line with its key and separator as they were. A
 * key set twice makes the file unparseable.
 */
final class PropertiesFormat implements ConfigFormat {
  static final PropertiesFormat INSTANCE = new PropertiesFormat();

  private PropertiesFormat() {}

  @Override
  public Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    entries(Lines.split(text)).forEach(entry -> values.put(entry.key(), entry.value()));
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String set(String text, String key, String value) {
    if (key.isEmpty()) {
      throw new ConfigFormatException("an empty key cannot be set");
    }
    List<String> lines = Lines.split(text);
    Entry existing =
        entries(lines).stream().filter(entry -> entry.key().equals(key)).findFirst().orElse(null);
    String edited;
    if (existing == null) {
      edited = Lines.append(text, escape(key, true) + "=" + escape(value, false));
    } else {
      String first = Lines.content(lines.get(existing.first()));
      String prefix =
          keyAndSeparator(first)
              .orElseGet(() -> first.substring(0, indent(first)) + escape(key, true) + "=");
      String terminator = Lines.terminator(lines.get(existing.last()));
      List<String> result = new ArrayList<>(lines.subList(0, existing.first()));
      result.add(prefix + escape(value, false) + terminator);
      result.addAll(lines.subList(existing.last() + 1, lines.size()));
      edited = String.join("", result);
    }
    return SingleKeyEdit.checked(this, text, edited, key, value);
  }

  private static List<Entry> entries(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.size()) {
      String content = Lines.content(lines.get(i));
      String trimmed = content.stripLeading();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
        i++;
        continue;
      }
      int first = i;
      StringBuilder logical = new StringBuilder(lines.get(i));
      while (continues(Lines.content(lines.get(i))) && i + 1 < lines.size()) {
        logical.append(lines.get(++i));
      }
      Map.Entry<String, String> entry = load(logical.toString(), first + 1);
      Integer earlier = seen.putIfAbsent(entry.getKey(), first + 1);
      if (earlier != null) {
        throw new ConfigFormatException(
            "%s is set twice, on lines %d and %d".formatted(entry.getKey(), earlier, first + 1));
      }
      entries.add(new Entry(first, i, entry.getKey(), entry.getValue()));
      i++;
    }
    return entries;
  }

  private static Map.Entry<String, String> load(String logicalLine, int lineNumber) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(logicalLine));
    } catch (IllegalArgumentException e) {
      throw new ConfigFormatException(
          "line %d does not parse: %s".formatted(lineNumber, e.getMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (properties.size() != 1) {
      throw new ConfigFormatException("line %d holds no key".formatted(lineNumber));
    }
    String key = properties.stringPropertyNames().iterator().next();
    return Map.entry(key, properties.getProperty(key));
  }

  /** A line continues on the next when it ends with an odd number of backslashes. */
  private static boolean continues(String content) {
    int backslashes = 0;
    for (int i = content.length() - 1; i >= 0 && content.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** The entry's first line up to where its value starts, unless the key itself continues. */
  private static Optional<String> keyAndSeparator(String line) {
    int i = indent(line);
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '=' || c == ':' || Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    if (i >= line.length()) {
      return Optional.empty();
    }
    while (i < line.length() && isBlank(line.charAt(i))) {
      i++;
    }
    if (i < line.length() && (line.charAt(i) == '=' || line.charAt(i) == ':')) {
      i++;
      while (i < line.length() && isBlank(line.charAt(i))) {
        i++;
      }
    }
    return Optional.of(line.substring(0, i));
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && isBlank(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }

  private static String escape(String text, boolean isKey) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        case ' ' -> out.append(isKey || i == 0 ? "\\ " : " ");
        case '=', ':' -> out.append(isKey ? "\\" + c : String.valueOf(c));
        case '#', '!' -> out.append(isKey && i == 0 ? "\\" + c : String.valueOf(c));
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private record Entry(int first, int last, String key, String value) {}
}
