package io.srespace.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a single-node broker listens and keeps its data. {@code ephemeral} settings take free
 * loopback ports and a temporary directory that is deleted when the broker closes.
 */
public record BrokerSettings(
    String host, int port, int controllerPort, Path dataDirectory, boolean temporary) {

  public static final int DEFAULT_PORT = 9092;
  static final String LOOPBACK = "127.0.0.1";

  public BrokerSettings {
    if (port == controllerPort) {
      throw new IllegalArgumentException(
          "broker and controller need different ports, both were " + port);
    }
    dataDirectory = dataDirectory.toAbsolutePath();
  }

  /** A broker for one test JVM: free loopback ports, a temporary data directory. */
  public static BrokerSettings ephemeral() {
    try {
      return new BrokerSettings(
          LOOPBACK, freePort(), freePort(), Files.createTempDirectory("sre-space-kafka-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the test broker", e);
    }
  }

  /** A broker whose data survives restarts, as the local demo runs it. */
  public static BrokerSettings persistent(String host, int port, int controllerPort, Path data) {
    return new BrokerSettings(host, port, controllerPort, data, false);
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  /**
   * The broker's configuration: one KRaft node that is broker and controller, sized for one
   * machine.
   */
  Properties serverProperties() {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    props.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("log.dirs", logDirectory().toString());
    // One node: every internal topic has a single replica, and there is nobody to wait for.
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "4");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "4");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("default.replication.factor", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    // A restarted node is fenced until its previous broker session expires: keep that short.
    props.setProperty("broker.session.timeout.ms", "3000");
    props.setProperty("broker.heartbeat.interval.ms", "500");
    props.setProperty("num.partitions", "1");
    props.setProperty("auto.create.topics.enable", "true");
    props.setProperty("num.network.threads", "2");
    props.setProperty("num.io.threads", "4");
    props.setProperty("log.retention.hours", "24");
    return props;
  }

  Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    }
  }
}
