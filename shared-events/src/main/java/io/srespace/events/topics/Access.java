package io.srespace.events.topics;

import static io.srespace.events.topics.Topics.BRAIN_DIAGNOSES;
import static io.srespace.events.topics.Topics.BRAIN_POSTMORTEMS;
import static io.srespace.events.topics.Topics.BUSINESS_EVENTS;
import static io.srespace.events.topics.Topics.CHAOS_FAULTS;
import static io.srespace.events.topics.Topics.DEPLOYMENTS;
import static io.srespace.events.topics.Topics.FIXER_ACTIONS;
import static io.srespace.events.topics.Topics.MEMORY_RECORDS;
import static io.srespace.events.topics.Topics.OTLP_METRICS;
import static io.srespace.events.topics.Topics.OTLP_SPANS;
import static io.srespace.events.topics.Topics.SCOUT_ANOMALIES;
import static io.srespace.events.topics.Topics.SCOUT_INCIDENTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each principal may do on the bus, the one table the broker's ACLs are made from. A principal
 * writes only the topics it owns, reads only what it consumes (and may write what it cannot read to
 * that topic's dead-letter twin), and joins only consumer groups named after itself. Everything
 * else is denied: the broker runs with no ACL meaning no access.
 */
public final class Access {
  /** The broker's own user and the operator's tools: a super user, never an agent. */
  public static final String ADMIN = "admin";

  /**
   * @param writes topics it produces
   * @param reads topics it consumes (their dead-letter twins it may write)
   * @param groups whether it joins consumer groups (named with its user name as prefix)
   * @param internalTopics a prefix of topics it creates and owns (Kafka Streams' changelogs)
   */
  public record Grant(
      Principal principal,
      List<Topic<?, ?>> writes,
      List<Topic<?, ?>> reads,
      boolean groups,
      Optional<String> internalTopics) {

    public boolean mayWrite(String topic) {
      return writes.stream().anyMatch(t -> t.name().equals(topic))
          || reads.stream().anyMatch(t -> t.deadLetters().name().equals(topic))
          || internalTopics.filter(topic::startsWith).isPresent();
    }

    public boolean mayRead(String topic) {
      return reads.stream().anyMatch(t -> t.name().equals(topic))
          || internalTopics.filter(topic::startsWith).isPresent();
    }
  }

  private static final List<Grant> GRANTS =
      List.of(
          new Grant(
              Principal.TELEMETRY,
              List.of(OTLP_SPANS, OTLP_METRICS, BUSINESS_EVENTS, CHAOS_FAULTS),
              List.of(),
              false,
              Optional.empty()),
          new Grant(
              Principal.SCOUT,
              List.of(SCOUT_ANOMALIES, SCOUT_INCIDENTS),
              List.of(
                  OTLP_SPANS,
                  OTLP_METRICS,
                  BUSINESS_EVENTS,
                  SCOUT_ANOMALIES,
                  SCOUT_INCIDENTS,
                  DEPLOYMENTS,
                  FIXER_ACTIONS),
              true,
              Optional.of("scout-")),
          new Grant(
              Principal.BRAIN,
              List.of(BRAIN_DIAGNOSES, BRAIN_POSTMORTEMS),
              List.of(
                  SCOUT_INCIDENTS, FIXER_ACTIONS, BRAIN_DIAGNOSES, BRAIN_POSTMORTEMS, DEPLOYMENTS),
              true,
              Optional.empty()),
          new Grant(
              Principal.FIXER,
              List.of(FIXER_ACTIONS, DEPLOYMENTS),
              List.of(BRAIN_DIAGNOSES, SCOUT_INCIDENTS, FIXER_ACTIONS, DEPLOYMENTS),
              true,
              Optional.empty()),
          new Grant(
              Principal.MEMORY,
              List.of(MEMORY_RECORDS),
              List.of(BRAIN_POSTMORTEMS),
              true,
              Optional.empty()),
          new Grant(Principal.DEPLOYER, List.of(DEPLOYMENTS), List.of(), false, Optional.empty()),
          new Grant(Principal.EVALUATOR, List.of(), Topics.all(), false, Optional.empty()),
          new Grant(
              Principal.CONSOLE,
              List.of(),
              List.of(
                  OTLP_SPANS,
                  BUSINESS_EVENTS,
                  DEPLOYMENTS,
                  SCOUT_ANOMALIES,
                  SCOUT_INCIDENTS,
                  BRAIN_DIAGNOSES,
                  FIXER_ACTIONS,
                  BRAIN_POSTMORTEMS,
                  MEMORY_RECORDS),
              true,
              Optional.empty()));

  private Access() {}

  /** The broker's users: the admin and every principal. */
  public static List<String> users() {
    return Stream.concat(
            Stream.of(ADMIN), java.util.Arrays.stream(Principal.values()).map(Principal::user))
        .toList();
  }

  public static List<Grant> grants() {
    return GRANTS;
  }

  public static Grant of(Principal principal) {
    return GRANTS.stream()
        .filter(grant -> grant.principal() == principal)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no grant for " + principal));
  }

  /** The broker's ACLs: every allowance of the table, and nothing else. */
  public static List<AclBinding> bindings() {
    List<AclBinding> bindings = new ArrayList<>();
    for (Grant grant : GRANTS) {
      String user = "User:" + grant.principal().user();
      Stream.concat(
              grant.writes().stream().map(Topic::name),
              grant.reads().stream().map(topic -> topic.deadLetters().name()))
          .distinct()
          .forEach(
              topic -> bindings.add(allow(user, ResourceType.TOPIC, topic, AclOperation.WRITE)));
      grant.reads().stream()
          .map(Topic::name)
          .forEach(
              topic -> bindings.add(allow(user, ResourceType.TOPIC, topic, AclOperation.READ)));
      if (grant.groups()) {
        bindings.add(
            prefixed(user, ResourceType.GROUP, grant.principal().user(), AclOperation.READ));
      }
      grant
          .internalTopics()
          .ifPresent(
              prefix -> bindings.add(prefixed(user, ResourceType.TOPIC, prefix, AclOperation.ALL)));
    }
    return List.copyOf(bindings);
  }

  private static AclBinding allow(
      String user, ResourceType type, String name, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
  }

  private static AclBinding prefixed(
      String user, ResourceType type, String prefix, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, prefix, PatternType.PREFIXED),
        new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
  }
}
