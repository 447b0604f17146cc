package io.srespace.board.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Markdown file with front matter: {@code ---}, one {@code key: value} per line, {@code ---},
 * then the text. Values are single lines; the text is kept exactly.
 */
record Record(Map<String, String> fields, String text) {
  private static final String FENCE = "---";

  static Record parse(String file) {
    if (!file.startsWith(FENCE + "\n")) {
      throw new IllegalArgumentException("no front matter");
    }
    int end = file.indexOf("\n" + FENCE + "\n", FENCE.length());
    if (end < 0) {
      throw new IllegalArgumentException("front matter is not closed");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : file.substring(FENCE.length() + 1, end).split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return new Record(fields, file.substring(end + FENCE.length() + 2));
  }

  String field(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no field " + name);
    }
    return value;
  }

  Record with(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(name, oneLine(value));
    return new Record(changed, text);
  }

  Record withText(String newText) {
    return new Record(fields, newText);
  }

  String format() {
    StringBuilder file = new StringBuilder(FENCE).append('\n');
    fields.forEach(
        (name, value) -> file.append(name).append(": ").append(oneLine(value)).append('\n'));
    return file.append(FENCE).append('\n').append(text).toString();
  }

  static String oneLine(String value) {
    return value.replace('\n', ' ').replace('\r', ' ');
  }
}
