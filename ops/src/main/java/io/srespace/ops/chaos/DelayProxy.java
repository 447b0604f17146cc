package io.srespace.ops.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The network between a service and its callers made slow: a process of its own that accepts the
 * connections iptables redirects to it and passes each on to the service, holding every byte sent
 * towards the service back for the delay (a delay line: the bytes keep their order and their pace,
 * each arrives the delay later). Its own connections to the service come from {@link #SOURCE}, an
 * address of loopback that the redirecting rule leaves alone.
 *
 * <p>{@code DelayProxy <listen port> <service port> <delay ms>}
 */
public final class DelayProxy {
  /** The loopback address the proxy's connections to the service come from. */
  static final String SOURCE = "127.0.0.2";

  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private final int servicePort;
  private final long delayNanos;

  private DelayProxy(int servicePort, long delayMillis) {
    this.servicePort = servicePort;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: DelayProxy <listen port> <service port> <delay ms>");
      System.exit(2);
    }
    int listen = Integer.parseInt(args[0]);
    DelayProxy proxy = new DelayProxy(Integer.parseInt(args[1]), Long.parseLong(args[2]));
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(listen, 200, loopback)) {
      System.out.printf(
          "holding what is sent to port %s back %s ms (listening on %d)%n",
          args[1], args[2], listen);
      while (true) {
        Socket caller = server.accept();
        Thread thread = new Thread(() -> proxy.serve(caller), "delay-" + caller.getPort());
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private void serve(Socket caller) {
    Socket service = new Socket();
    try {
      service.bind(new InetSocketAddress(SOURCE, 0));
      service.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), servicePort), CONNECT_TIMEOUT_MS);
      caller.setTcpNoDelay(true);
      service.setTcpNoDelay(true);
      Thread back = new Thread(() -> copy(service, caller), "back-" + caller.getPort());
      back.setDaemon(true);
      back.start();
      delayed(caller, service);
    } catch (IOException e) {
      // The service does not answer (stopped, restarting): the caller sees its connection end.
      closeBoth(caller, service);
    }
  }

  /** Bytes the caller sent, to be passed on at {@code due} ({@link System#nanoTime()}). */
  private record Chunk(long due, byte[] bytes) {}

  /** Passes what the caller sends on to the service, each chunk the delay after it came. */
  private void delayed(Socket caller, Socket service) {
    BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                OutputStream out = service.getOutputStream();
                while (true) {
                  Chunk chunk = line.take();
                  long wait = chunk.due() - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  if (chunk.bytes().length == 0) {
                    service.shutdownOutput();
                    return;
                  }
                  out.write(chunk.bytes());
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                closeBoth(caller, service);
              }
            },
            "line-" + caller.getPort());
    writer.setDaemon(true);
    writer.start();
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = caller.getInputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        line.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, read)));
      }
      line.add(new Chunk(System.nanoTime() + delayNanos, new byte[0]));
    } catch (IOException e) {
      closeBoth(caller, service);
      writer.interrupt();
    }
  }

  /** Passes what {@code from} sends on to {@code to} at once; closes both when it ends. */
  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side has gone: both connections end
    } finally {
      closeBoth(from, to);
    }
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException ignored) {
      // closing what has failed
    }
    try {
      b.close();
    } catch (IOException ignored) {
      // closing what has failed
    }
  }
}
