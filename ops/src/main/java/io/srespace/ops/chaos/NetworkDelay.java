package io.srespace.ops.chaos;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network delay on the way to a service's port, as an infrastructure fault injector makes one:
 * iptables redirects every new connection to the port to a {@link DelayProxy} of its own (a process
 * that holds each request back), and resets the connections opened before, so that pooled
 * connections are opened again through it. The kernel here has no {@code netem} queueing
 * discipline, so the delay is a proxy's; the port's rules and the proxy belong to the port, not to
 * the service's process: a restarted service is as slow to reach as before.
 */
final class NetworkDelay {
  private static final String MARK = "-Dsre-space.network-delay=";
  private static final Duration START = Duration.ofSeconds(15);

  private NetworkDelay() {}

  /**
   * Holds what is sent to {@code port} back {@code millis} (above 0, at most 10 s); returns where
   * the proxy writes its log.
   */
  static Path add(int port, double millis) throws IOException {
    if (!(millis >= 1 && millis <= 10_000)) {
      throw new IllegalArgumentException(
          "a network delay is 1 to 10000 ms, was " + HostChaos.amount(millis));
    }
    if (!Iptables.installed()) {
      throw new IOException("a network delay needs iptables (Debian's package iptables)");
    }
    if (on(port)) {
      throw new IllegalArgumentException(
          "a network delay is already on port %d: ./sre-space chaos clear network-delay"
              .formatted(port));
    }
    int listen = freePort();
    Path log =
        Path.of(System.getProperty("java.io.tmpdir"), "sre-space-network-delay-" + port + ".log");
    Process proxy =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                MARK + port,
                "-cp",
                classes(),
                DelayProxy.class.getName(),
                String.valueOf(listen),
                String.valueOf(port),
                String.valueOf(Math.round(millis)))
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()))
            .start();
    awaitListening(proxy, listen, log);
    String to = String.valueOf(port);
    List<String> toPort =
        List.of("-p", "tcp", "!", "-s", DelayProxy.SOURCE, "-d", "127.0.0.1", "--dport", to);
    Iptables.insert("nat", toPort, comment(port), "REDIRECT --to-ports " + listen);
    // Connections opened before the redirect would keep going straight to the service: reset.
    List<String> direct = new ArrayList<>(List.of("-o", "lo"));
    direct.addAll(toPort);
    direct.addAll(List.of("-m", "conntrack", "!", "--ctstate", "DNAT"));
    Iptables.insert("filter", direct, comment(port), "REJECT --reject-with tcp-reset");
    return log;
  }

  /** Removes the port's rules and stops its proxy; true when a delay was on. */
  static boolean remove(int port) throws IOException {
    int rules = Iptables.remove("nat", comment(port)) + Iptables.remove("filter", comment(port));
    List<ProcessHandle> proxies = proxies(port);
    StartedProcesses.end(proxies, "the delay proxy");
    return rules > 0 || !proxies.isEmpty();
  }

  /** Whether a delay is on the port (its redirect or its proxy). */
  static boolean on(int port) throws IOException {
    return !Iptables.rules("nat", comment(port)).isEmpty() || !proxies(port).isEmpty();
  }

  private static List<ProcessHandle> proxies(int port) {
    String mark = MARK + port + " ";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(mark))
        .toList();
  }

  /** Where this class was loaded from: the proxy runs from the same place. */
  private static String classes() throws IOException {
    try {
      return Path.of(NetworkDelay.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot tell where the delay proxy's class is", e);
    }
  }

  private static void awaitListening(Process proxy, int port, Path log) throws IOException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!proxy.isAlive()) {
        throw new IOException(
            "the delay proxy ended at once (exit %d); its log: %s"
                .formatted(proxy.exitValue(), log));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          proxy.destroyForcibly();
          throw new IOException("interrupted while the delay proxy started", e);
        }
      }
    }
    proxy.destroyForcibly();
    throw new IOException(
        "the delay proxy did not listen within %d s; its log: %s"
            .formatted(START.toSeconds(), log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String comment(int port) {
    return "sre-space-delay:" + port;
  }
}
