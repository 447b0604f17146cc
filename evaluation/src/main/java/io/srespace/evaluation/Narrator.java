package io.srespace.evaluation;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The live timeline: one line per transition, with its clock time and seconds since injection. */
final class Narrator {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  private final ZoneId zone;

  Narrator(PrintStream out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  /** "20:01:04 +2.3s detected …": {@code at} against the injection time {@code t0}. */
  void at(Instant at, Instant t0, String text) {
    String since =
        String.format(Locale.ROOT, "%+.1fs", RunState.seconds(t0, at)).replace("-0.0s", "+0.0s");
    print("%s  %7s  %s".formatted(CLOCK.format(at.atZone(zone)), since, text));
  }

  /** A line about the evaluation itself, at the current time. */
  void say(String text) {
    print("%s  %s".formatted(CLOCK.format(Instant.now().atZone(zone)), text));
  }

  void plain(String text) {
    print(text);
  }

  private synchronized void print(String line) {
    out.println(line);
    out.flush();
  }
}
