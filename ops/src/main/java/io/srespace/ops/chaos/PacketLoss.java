package io.srespace.ops.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packets to and from a port on loopback dropped at random, by two iptables rules (the kernel's
 * {@code statistic} match) that carry the port in their comment so they can be found and removed.
 * The rules belong to the port, not to a process: a restarted service loses packets as before.
 */
final class PacketLoss {
  private static final String TABLE = "filter";

  private PacketLoss() {}

  /** Drops {@code percent} of the TCP packets sent to and from {@code port} on loopback. */
  static void add(int port, double percent) throws IOException {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "packet loss is a percentage above 0 and at most 100, was " + percent);
    }
    remove(port);
    for (String direction : List.of("--dport", "--sport")) {
      List<String> match =
          new ArrayList<>(List.of("-o", "lo", "-p", "tcp", direction, String.valueOf(port)));
      if (percent < 100) {
        match.addAll(
            List.of(
                "-m",
                "statistic",
                "--mode",
                "random",
                "--probability",
                String.format(Locale.ROOT, "%.4f", percent / 100)));
      }
      Iptables.insert(TABLE, match, comment(port), "DROP");
    }
  }

  /** Removes the port's rules; returns how many there were. */
  static int remove(int port) throws IOException {
    return Iptables.remove(TABLE, comment(port));
  }

  /** The port's rules as {@code iptables -S} prints them (none when no loss is on). */
  static List<String> rules(int port) throws IOException {
    return Iptables.rules(TABLE, comment(port));
  }

  private static String comment(int port) {
    return "sre-space-chaos:" + port;
  }
}
