package io.srespace.ops.chaos;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A service for the host-fault tests, run as its own process: {@code /} answers at once, {@code
 * /spin} after burning 100 ms of CPU (so a CPU quota shows in its wall time).
 */
public final class SpinServer {
  private SpinServer() {}

  public static void main(String[] args) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    server.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestURI().getPath().equals("/spin")) {
            long until = threads.getCurrentThreadCpuTime() + 100_000_000L;
            long sum = 0;
            while (threads.getCurrentThreadCpuTime() < until) {
              for (int i = 0; i < 10_000; i++) {
                sum += i * 31L;
              }
            }
            exchange.getResponseHeaders().add("X-Sum", String.valueOf(sum));
          }
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }
}
