package io.srespace.ops;

import io.srespace.events.Fault;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.ops.approval.Approver;
import io.srespace.ops.attack.Attack;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.deadletter.DeadLetters;
import io.srespace.ops.stack.ComposeStack;
import io.srespace.ops.stack.DemoServices;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Say;
import io.srespace.ops.stack.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The launcher's commands on the local stack ({@code ./sre-space up|down|status|chaos|repair}): the
 * repository is {@code -Dsre-space.root}, the stack's folder and port offset come from the
 * environment.
 */
@Command(
    name = "sre-space",
    mixinStandardHelpOptions = true,
    subcommands = {
      OpsCommand.Up.class,
      OpsCommand.Down.class,
      OpsCommand.Status.class,
      OpsCommand.ChaosCommand.class,
      OpsCommand.Repair.class,
      OpsCommand.AttackCommand.class,
      OpsCommand.DeadLettersCommand.class,
      OpsCommand.ApproverCommand.class,
      OpsCommand.ApproveCommand.class
    })
public final class OpsCommand {

  public static void main(String[] args) {
    CommandLine line = new CommandLine(new OpsCommand());
    line.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("sre-space: " + e.getMessage());
          return 1;
        });
    System.exit(line.execute(args));
  }

  private static LocalStack local() {
    return new LocalStack(Stack.current(), System.getenv(), System.out);
  }

  /** The Compose stack of this repository (.env's ports, .sre-space/compose). */
  private static ComposeStack composeStack() {
    return new ComposeStack(Stack.compose(Stack.current().root(), System.getenv()));
  }

  private static LocalStack running() {
    LocalStack local = local();
    if (!local.supervisor().running()) {
      throw new IllegalStateException("the stack is not running: ./sre-space up first");
    }
    return local;
  }

  @Command(
      name = "attack",
      description =
          "try forged events, stolen and missing logins against the running stack; check that"
              + " nothing acted, no secret shows and no port answers beyond this machine")
  static final class AttackCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      // Kafka's clients log each refusal; the attack reports them itself, one line each.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
      Say.step(
          "attacking the running stack (each attempt, then %d s for Fixer to act on what got through)"
              .formatted(Attack.SETTLE.toSeconds()));
      Attack.Report report = Attack.onLocalStack(Stack.current(), System.out);
      boolean clean =
          report.acted().isEmpty() && report.secrets().isEmpty() && report.openPorts().isEmpty();
      return clean ? 0 : 1;
    }
  }

  @Command(
      name = "dead-letters",
      description =
          "the records the agents could not read or process: when, from where, who gave up and why")
  static final class DeadLettersCommand implements Callable<Integer> {
    @Option(
        names = "--hours",
        defaultValue = "24",
        description = "how far back to look (default: ${DEFAULT-VALUE})")
    int hours;

    @Override
    public Integer call() throws Exception {
      if (hours < 1) {
        throw new IllegalArgumentException("--hours must be 1 or more, was " + hours);
      }
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      Stack stack = running().stack();
      String admin = Credentials.existingPassword(stack.credentials(), Access.ADMIN);
      Duration window = Duration.ofHours(hours);
      var found =
          new DeadLetters(KafkaClients.config(stack.bootstrap(), Access.ADMIN, admin))
              .since(Instant.now().minus(window));
      DeadLetters.print(found, window, System.out);
      return 0;
    }
  }

  @Command(
      name = "approver",
      description = "approver add NAME: a key pair for a person who may approve Fixer's actions")
  static final class ApproverCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "add")
    String verb;

    @Parameters(index = "1", description = "the approver's name")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!verb.equals("add")) {
        throw new IllegalArgumentException("usage: ./sre-space approver add NAME");
      }
      Stack stack = Stack.current();
      Approver approver = new Approver(stack, name);
      Say.step(
          approver.add()
              ? "%s may approve: private key in %s (yours alone), public key in %s (Fixer reads it)"
                  .formatted(name, stack.home().resolve("approvers"), Approver.publicKeys(stack))
              : "%s has a key already".formatted(name));
      return 0;
    }
  }

  @Command(
      name = "approve",
      description = "approve (or --deny) a Fixer action on the local board, signed with your key")
  static final class ApproveCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the incident's issue number")
    int issue;

    @Parameters(index = "1", description = "the action id Fixer asked about (act-…)")
    String actionId;

    @Option(names = "--as", required = true, description = "your approver name")
    String name;

    @Option(names = "--deny", description = "deny instead of approve")
    boolean deny;

    @Option(
        names = "--minutes",
        defaultValue = "15",
        description = "how long it holds (at most 60)")
    int minutes;

    @Override
    public Integer call() throws Exception {
      if (minutes < 1 || minutes > 60) {
        throw new IllegalArgumentException("--minutes must be from 1 to 60, was " + minutes);
      }
      var answer =
          new Approver(Stack.current(), name)
              .answer(issue, actionId, !deny, java.time.Duration.ofMinutes(minutes));
      Say.step(
          "%s %s on #%d as %s, valid until %s"
              .formatted(deny ? "denied" : "approved", actionId, issue, name, answer.until()));
      return 0;
    }
  }

  @Command(name = "up", description = "start the whole stack under supervisord, in waves")
  static final class Up implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      local().up();
      return 0;
    }
  }

  @Command(name = "down", description = "stop everything (--wipe also deletes its data)")
  static final class Down implements Callable<Integer> {
    @Option(names = "--wipe", description = "delete Kafka, Chroma, board, GitOps data and logs")
    boolean wipe;

    @Override
    public Integer call() throws Exception {
      local().down(wipe);
      return 0;
    }
  }

  @Command(name = "status", description = "each component's state, pid, port and memory")
  static final class Status implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return local().status() ? 0 : 3;
    }
  }

  @Command(
      name = "chaos",
      description = {
        "<fault> <service> [--intensity X] [--duration S] [--hard [--compose]]: a fault on",
        "list [service...]: each service's faults;  clear [fault] [service...]: faults off"
      })
  static final class ChaosCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "WORD")
    List<String> words;

    @Option(names = "--intensity", paramLabel = "X")
    Double intensity;

    @Option(names = "--duration", paramLabel = "S")
    Long duration;

    @Option(
        names = "--hard",
        description = "kill from outside (SIGKILL; recorded on chaos.faults in local mode)")
    boolean hard;

    @Option(
        names = "--compose",
        description = "the Compose stack: the ports of .env, its token in .sre-space/compose")
    boolean compose;

    @Option(names = "--reason", paramLabel = "TEXT", description = "deploy: the commit message")
    String reason;

    @Override
    public Integer call() throws Exception {
      // Recording a fault or a deployment opens a Kafka producer: its INFO lines are noise here.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      Chaos chaos = compose ? composeChaos() : Chaos.of(running().stack(), System.getenv());
      List<String> rest = words.subList(1, words.size());
      switch (words.get(0)) {
        case "list" -> System.out.print(chaos.list(rest));
        case "deploy" -> {
          if (rest.size() < 2) {
            throw new IllegalArgumentException(
                "usage: chaos deploy <service> <release> | KEY=VALUE... [--reason TEXT]");
          }
          Map<String, String> values = new java.util.LinkedHashMap<>();
          for (String pair : rest.subList(1, rest.size())) {
            int equals = pair.indexOf('=');
            if (equals < 0 && rest.size() == 2) {
              values.put("RELEASE", pair); // a lone word is the release to deploy
              continue;
            }
            if (equals < 1) {
              throw new IllegalArgumentException("not KEY=VALUE: " + pair);
            }
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
          }
          String message =
              reason != null ? reason : "Deploy %s to %s".formatted(values, rest.get(0));
          Say.step(chaos.deployAndRestart(services(), rest.get(0), values, message));
        }
        case "clear" -> {
          boolean named = !rest.isEmpty() && !LocalStack.DEMO_SERVICES.contains(rest.get(0));
          chaos.clear(named ? rest.get(0) : null, named ? rest.subList(1, rest.size()) : rest);
        }
        default -> {
          if (rest.size() != 1) {
            throw new IllegalArgumentException("usage: chaos <fault> <service> [options]");
          }
          String fault = words.get(0);
          String service = rest.get(0);
          if (hard) {
            if (!fault.equals("kill")) {
              throw new IllegalArgumentException("--hard is for kill only");
            }
            Say.step(chaos.killHard(service, compose));
          } else if (fault.equals(Fault.BAD_RELEASE.id())) {
            Say.step(chaos.badRelease(services(), service));
          } else {
            String state = chaos.inject(fault, service, intensity, duration);
            Say.step(
                "injected %s into %s%s: %s"
                    .formatted(
                        fault, service, duration == null ? "" : " for " + duration + " s", state));
          }
        }
      }
      return 0;
    }

    /** The Compose stack publishes the ports of .env as they are, guarded by its own token. */
    private static Chaos composeChaos() {
      return Chaos.compose(composeStack(), System.getenv());
    }

    /** What runs the demo services: Compose's containers, or the local stack's supervisor. */
    private DemoServices services() {
      return compose ? composeStack() : running();
    }
  }

  @Command(
      name = "repair",
      description = "every fault off, the seed's configuration redeployed, the demo healthy")
  static final class Repair implements Callable<Integer> {
    @Option(names = "--compose", description = "the Compose stack")
    boolean compose;

    @Override
    public Integer call() throws Exception {
      if (compose) {
        ComposeStack stack = composeStack();
        Chaos.compose(stack, System.getenv()).repair(stack);
        return 0;
      }
      LocalStack local = running();
      Chaos.of(local.stack(), System.getenv()).repair(local);
      return 0;
    }
  }
}
