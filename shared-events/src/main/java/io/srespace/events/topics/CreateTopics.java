package io.srespace.events.topics;

import io.srespace.events.kafka.KafkaClients;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates on a broker every topic of the registry with its partitions, and its dead-letter twin:
 * the one list of topics, for Compose's init step and any broker that does not auto-create them.
 * Usage: {@code CreateTopics BOOTSTRAP} (creates what is missing) or {@code CreateTopics --list}.
 */
public final class CreateTopics {
  private CreateTopics() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || args[0].startsWith("-") && !args[0].equals("--list")) {
      System.err.println("usage: CreateTopics BOOTSTRAP_SERVERS | --list");
      System.exit(2);
    }
    if (args[0].equals("--list")) {
      Topics.allWithDeadLetters()
          .forEach(topic -> System.out.println(topic.name() + ":" + topic.partitions()));
      return;
    }
    // A broker that asks for logins gets the admin's, from the environment (never an argument).
    String user = System.getenv("KAFKA_USER");
    Map<String, Object> kafka =
        user == null || user.isBlank()
            ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0])
            : KafkaClients.config(args[0], user, System.getenv("KAFKA_PASSWORD"));
    List<String> created;
    try {
      created = create(kafka);
    } catch (ExecutionException | TimeoutException e) {
      System.err.printf("cannot create the topics on %s: %s%n", args[0], e.getMessage());
      System.exit(1);
      return;
    }
    created.forEach(name -> System.out.println("created " + name));
    System.out.printf("every topic of the registry is there (%d created now)%n", created.size());
  }

  /**
   * Creates the registry's topics missing on the broker; the names it created.
   *
   * @param kafka the settings of a client allowed to create topics
   */
  public static List<String> create(Map<String, Object> kafka)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(config)) {
      return create(admin, Topics.allWithDeadLetters());
    }
  }

  /** Creates those of {@code topics} the broker lacks, with their partitions; their names. */
  public static List<String> create(Admin admin, Collection<Topic<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing =
        topics.stream()
            .filter(topic -> !existing.contains(topic.name()))
            .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
            .toList();
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
