package io.srespace.ops.chaos;

import io.srespace.ops.stack.HostCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Packets to and from a port on loopback dropped at random, by two iptables rules (the kernel's
 * {@code statistic} match) that carry the port in their comment so they can be found and removed.
 * The rules belong to the port, not to a process: a restarted service loses packets as before.
 */
final class PacketLoss {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private PacketLoss() {}

  /** Drops {@code percent} of the TCP packets sent to and from {@code port} on loopback. */
  static void add(int port, double percent) throws IOException {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "packet loss is a percentage above 0 and at most 100, was " + percent);
    }
    remove(port);
    for (String direction : List.of("--dport", "--sport")) {
      List<String> rule =
          new ArrayList<>(
              List.of(
                  "iptables",
                  "-w",
                  "5",
                  "-I",
                  "OUTPUT",
                  "-o",
                  "lo",
                  "-p",
                  "tcp",
                  direction,
                  String.valueOf(port)));
      if (percent < 100) {
        rule.addAll(
            List.of(
                "-m",
                "statistic",
                "--mode",
                "random",
                "--probability",
                String.format(Locale.ROOT, "%.4f", percent / 100)));
      }
      rule.addAll(List.of("-m", "comment", "--comment", comment(port), "-j", "DROP"));
      HostCommand.succeed(rule, LIMIT);
    }
  }

  /** Removes the port's rules; returns how many there were. */
  static int remove(int port) throws IOException {
    List<String> rules = rules(port);
    for (String rule : rules) {
      List<String> delete = new ArrayList<>(List.of("iptables", "-w", "5"));
      // iptables -S quotes the comment; it has no space, so the words are the rule's arguments.
      List<String> words = Arrays.asList(rule.replace("\"", "").split(" "));
      delete.add("-D");
      delete.addAll(words.subList(1, words.size()));
      HostCommand.succeed(delete, LIMIT);
    }
    return rules.size();
  }

  /**
   * The port's rules as {@code iptables -S} prints them (none when no loss is on, and none on a
   * machine without iptables, where no loss can have been put on).
   */
  static List<String> rules(int port) throws IOException {
    if (!installed()) {
      return List.of();
    }
    return HostCommand.succeed(List.of("iptables", "-w", "5", "-S", "OUTPUT"), LIMIT)
        .lines()
        .filter(
            line -> line.startsWith("-A ") && line.contains("--comment \"" + comment(port) + "\" "))
        .toList();
  }

  /** Whether iptables is on this machine (in the PATH or the system's sbin folders). */
  static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(folder -> !folder.isEmpty())
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, "iptables")));
  }

  private static String comment(int port) {
    return "sre-space-chaos:" + port;
  }
}
