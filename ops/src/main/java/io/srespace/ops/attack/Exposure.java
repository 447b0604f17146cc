package io.srespace.ops.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the stack's secrets could leak and which of its ports answer beyond this machine: read from
 * the files, {@code /proc}'s command lines and sockets, as {@code stat} and {@code ss} would.
 */
final class Exposure {
  private static final long LARGEST_FILE = 1 << 20;

  private Exposure() {}

  /**
   * Each place a secret is exposed: a file of {@code home} others may read that holds one, any
   * process's command line, any log line.
   */
  static List<String> secrets(Path home, Set<String> secrets) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.startsWith(home.resolve("kafka/logs"))
            || file.startsWith(home.resolve("chroma-data"))
            || Files.size(file) > LARGEST_FILE) {
          continue;
        }
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
        boolean othersRead =
            modes.contains(PosixFilePermission.GROUP_READ)
                || modes.contains(PosixFilePermission.OTHERS_READ);
        boolean log = file.startsWith(home.resolve("logs"));
        if ((othersRead || log) && holdsAny(Files.readAllBytes(file), secrets)) {
          found.add((log ? "log " : "file others may read ") + file);
        }
      }
    }
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        if (!process.getFileName().toString().matches("\\d+")) {
          continue;
        }
        try {
          byte[] line = Files.readAllBytes(process.resolve("cmdline"));
          if (holdsAny(line, secrets)) {
            found.add("command line of pid " + process.getFileName());
          }
        } catch (IOException ended) {
          // The process ended while it was read.
        }
      }
    }
    return found;
  }

  /**
   * Listening TCP sockets of {@code pids} not bound to the loopback address: {@code host:port (pid
   * N)} each.
   */
  static List<String> openPorts(Set<Long> pids) throws IOException {
    Map<Long, String> listening = new java.util.HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String row : Files.readAllLines(file).stream().skip(1).toList()) {
        String[] fields = row.trim().split("\\s+");
        if (fields.length > 9 && fields[3].equals("0A")) {
          listening.put(Long.parseLong(fields[9]), fields[1]);
        }
      }
    }
    List<String> open = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (long pid : pids) {
      Path fds = Path.of("/proc", String.valueOf(pid), "fd");
      List<Path> links;
      try (Stream<Path> list = Files.list(fds)) {
        links = list.toList();
      } catch (IOException ended) {
        continue;
      }
      for (Path link : links) {
        String target;
        try {
          target = Files.readSymbolicLink(link).toString();
        } catch (IOException closed) {
          continue;
        }
        if (!target.startsWith("socket:[")) {
          continue;
        }
        long inode = Long.parseLong(target.substring(8, target.length() - 1));
        String local = listening.get(inode);
        if (local != null && seen.add(inode) && !loopback(local)) {
          open.add("%s (pid %d)".formatted(address(local), pid));
        }
      }
    }
    return open;
  }

  /** Whether a {@code /proc/net/tcp} local address (hex, host byte order) is loopback. */
  static boolean loopback(String local) {
    String host = local.substring(0, local.indexOf(':'));
    return switch (host.length()) {
      case 8 -> host.endsWith("7F"); // 127.x.x.x, little-endian
      case 32 ->
          host.equals("00000000000000000000000001000000") // ::1
              || host.startsWith("0000000000000000FFFF0000") && host.endsWith("7F");
      default -> false;
    };
  }

  private static String address(String local) {
    String[] parts = local.split(":");
    int port = Integer.parseInt(parts[1], 16);
    if (parts[0].length() == 8) {
      long ip = Long.parseLong(parts[0], 16);
      return "%d.%d.%d.%d:%d"
          .formatted(ip & 0xff, (ip >> 8) & 0xff, (ip >> 16) & 0xff, (ip >> 24) & 0xff, port);
    }
    return "[" + parts[0] + "]:" + port;
  }

  private static boolean holdsAny(byte[] content, Set<String> secrets) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    return secrets.stream().anyMatch(text::contains);
  }
}
