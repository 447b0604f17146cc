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

/**
 * The chaos rules of one table's OUTPUT chain, each carrying a comment without spaces that names
 * what it belongs to, so that they can be found and removed again.
 */
final class Iptables {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Iptables() {}

  /** Puts {@code match} (the rule's words after the chain) first in the table's OUTPUT chain. */
  static void insert(String table, List<String> match, String comment, String target)
      throws IOException {
    if (comment.contains(" ")) {
      throw new IllegalArgumentException("a rule's comment has no spaces: " + comment);
    }
    List<String> rule =
        new ArrayList<>(List.of("iptables", "-w", "5", "-t", table, "-I", "OUTPUT"));
    rule.addAll(match);
    rule.addAll(List.of("-m", "comment", "--comment", comment, "-j"));
    rule.addAll(Arrays.asList(target.split(" ")));
    HostCommand.succeed(rule, LIMIT);
  }

  /** Removes the table's rules with the comment; returns how many there were. */
  static int remove(String table, String comment) throws IOException {
    List<String> rules = rules(table, comment);
    for (String rule : rules) {
      List<String> delete = new ArrayList<>(List.of("iptables", "-w", "5", "-t", table, "-D"));
      // iptables -S quotes the comment; it has no space, so the words are the rule's arguments.
      List<String> words = Arrays.asList(rule.replace("\"", "").split(" "));
      delete.addAll(words.subList(1, words.size()));
      HostCommand.succeed(delete, LIMIT);
    }
    return rules.size();
  }

  /**
   * The table's rules with the comment as {@code iptables -S} prints them (none on a machine
   * without iptables, where none can have been put on).
   */
  static List<String> rules(String table, String comment) throws IOException {
    if (!installed()) {
      return List.of();
    }
    return HostCommand.succeed(List.of("iptables", "-w", "5", "-t", table, "-S", "OUTPUT"), LIMIT)
        .lines()
        .filter(line -> line.startsWith("-A ") && line.contains("--comment \"" + comment + "\" "))
        .toList();
  }

  /** Whether iptables is on this machine (in the PATH or the system's sbin folders). */
  static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(folder -> !folder.isEmpty())
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, "iptables")));
  }
}
