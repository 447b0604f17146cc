package io.srespace.brain.core.nezha;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reads a gzipped CSV file (RFC 4180 quoting) row by row, header first. */
final class GzipCsv {

  private GzipCsv() {}

  static void read(Path file, Consumer<String[]> header, Consumer<String[]> row) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8),
            1 << 16)) {
      String line = in.readLine();
      if (line == null) {
        throw new IllegalArgumentException(
            "%s is empty: a CSV header was expected".formatted(file));
      }
      header.accept(split(line, in));
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          row.accept(split(line, in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read %s: %s".formatted(file, e.getMessage()), e);
    }
  }

  private static String[] split(String first, BufferedReader in) throws IOException {
    List<String> fields = new ArrayList<>(12);
    StringBuilder field = new StringBuilder();
    String line = first;
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i >= line.length()) {
        if (quoted) {
          String next = in.readLine();
          if (next == null) {
            break;
          }
          field.append('\n');
          line = next;
          i = 0;
          continue;
        }
        break;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(new String[0]);
  }

  static int column(String[] header, String name, Path file) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("%s has no column %s".formatted(file, name));
  }
}
