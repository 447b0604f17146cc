package io.srespace.kafka.broker;

import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a single-node broker listens, keeps its data and whom it lets in. {@code ephemeral}
 * settings take free loopback ports, a temporary directory that is deleted when the broker closes
 * and fresh passwords; {@code persistent} ones read the passwords from owner-only files.
 *
 * @param passwords the password of {@link Access#ADMIN} and of every {@link Principal}, by user
 * @param advertised the address clients are told to use ({@code kafka:9092} in Compose), or null
 *     for {@link #bootstrapServers()}
 * @param outside a second client listener for those that reach the broker by another address (the
 *     host's tools, through a published port), or null
 */
public record BrokerSettings(
    String host,
    int port,
    int controllerPort,
    Path dataDirectory,
    boolean temporary,
    Map<String, String> passwords,
    String advertised,
    Outside outside) {

  /** A listener on {@code port} that clients reach as {@code advertised} (host:port). */
  public record Outside(int port, String advertised) {}

  public static final int DEFAULT_PORT = 9092;
  static final String LOOPBACK = "127.0.0.1";

  public BrokerSettings {
    if (port == controllerPort) {
      throw new IllegalArgumentException(
          "broker and controller need different ports, both were " + port);
    }
    dataDirectory = dataDirectory.toAbsolutePath();
    passwords = Map.copyOf(passwords);
    if (outside != null && (outside.port() == port || outside.port() == controllerPort)) {
      throw new IllegalArgumentException(
          "the outside listener needs a port of its own, was " + outside.port());
    }
    for (String user : Access.users()) {
      if (!passwords.containsKey(user)) {
        throw new IllegalArgumentException("no Kafka password for " + user);
      }
    }
  }

  public BrokerSettings(
      String host,
      int port,
      int controllerPort,
      Path dataDirectory,
      boolean temporary,
      Map<String, String> passwords) {
    this(host, port, controllerPort, dataDirectory, temporary, passwords, null, null);
  }

  /** These settings with the address clients are told and a second listener for the outside. */
  public BrokerSettings exposed(String advertised, Outside outside) {
    return new BrokerSettings(
        host, port, controllerPort, dataDirectory, temporary, passwords, advertised, outside);
  }

  @Override
  public String toString() {
    return "BrokerSettings[%s:%d, controller %d, data %s]"
        .formatted(host, port, controllerPort, dataDirectory);
  }

  /** A broker for one test JVM: free loopback ports, a temporary data directory. */
  public static BrokerSettings ephemeral() {
    try {
      Map<String, String> passwords = new HashMap<>();
      Access.users().forEach(user -> passwords.put(user, Credentials.newPassword()));
      return new BrokerSettings(
          LOOPBACK,
          freePort(),
          freePort(),
          Files.createTempDirectory("sre-space-kafka-"),
          true,
          passwords);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the test broker", e);
    }
  }

  /**
   * A broker whose data survives restarts, as the local demo runs it, with the users' passwords
   * from {@code credentials} (each created there, owner-only, when it is missing).
   */
  public static BrokerSettings persistent(
      String host, int port, int controllerPort, Path data, Path credentials) {
    Map<String, String> passwords = new HashMap<>();
    Access.users().forEach(user -> passwords.put(user, Credentials.password(credentials, user)));
    return new BrokerSettings(host, port, controllerPort, data, false, passwords);
  }

  /** Client settings of {@code user} (a principal's user name or {@link Access#ADMIN}). */
  public Map<String, Object> clientConfig(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no Kafka user " + user);
    }
    return KafkaClients.config(bootstrapServers(), user, password);
  }

  /** Where clients reach the broker: its address, or loopback when it listens on every one. */
  public String bootstrapServers() {
    return (host.equals("0.0.0.0") ? LOOPBACK : host) + ":" + port;
  }

  /**
   * The broker's configuration: one KRaft node that is broker and controller, sized for one
   * machine.
   */
  Properties serverProperties() {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    // The controller answers this machine only, whatever address the clients' listener has.
    props.setProperty("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
    // Clients log in with SCRAM (their credentials live in the cluster's metadata); the controller
    // listener, which must authenticate before that metadata is loaded, with PLAIN as the admin.
    String listeners = "SASL_PLAINTEXT://" + host + ":" + port;
    String advertisedListeners =
        "SASL_PLAINTEXT://" + (advertised == null ? bootstrapServers() : advertised);
    String protocols = "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT";
    if (outside != null) {
      listeners += ",OUTSIDE://" + host + ":" + outside.port();
      advertisedListeners += ",OUTSIDE://" + outside.advertised();
      protocols += ",OUTSIDE:SASL_PLAINTEXT";
    }
    props.setProperty("listeners", listeners + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
    props.setProperty("advertised.listeners", advertisedListeners);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
    props.setProperty("listener.security.protocol.map", protocols);
    String admin = passwords.get(Access.ADMIN);
    props.setProperty("sasl.mechanism.inter.broker.protocol", KafkaClients.MECHANISM);
    props.setProperty(
        "listener.name.sasl_plaintext.sasl.enabled.mechanisms", KafkaClients.MECHANISM);
    props.setProperty(
        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
        KafkaClients.jaas(Access.ADMIN, admin));
    if (outside != null) {
      props.setProperty("listener.name.outside.sasl.enabled.mechanisms", KafkaClients.MECHANISM);
      props.setProperty(
          "listener.name.outside.scram-sha-512.sasl.jaas.config",
          KafkaClients.jaas(Access.ADMIN, admin));
    }
    props.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    props.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.setProperty(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\" user_%s=\"%s\";"
            .formatted(Access.ADMIN, admin, Access.ADMIN, admin));
    // KRaft's authorizer: the table in Access becomes the ACLs; no ACL means no access.
    props.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.setProperty("super.users", "User:" + Access.ADMIN);
    props.setProperty("allow.everyone.if.no.acl.found", "false");
    props.setProperty("auto.create.topics.enable", "false");
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
