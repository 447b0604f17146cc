package io.srespace.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supervisord that runs the local stack's processes, driven through {@code supervisorctl} on
 * its configuration: start it, ask each program's state, start, restart and stop programs.
 */
public final class Supervisor {
  private static final Pattern EXITED = Pattern.compile("exited: (\\S+) \\(.*; not expected\\)");

  /** One program as {@code supervisorctl status} lists it; pid 0 when it runs no process. */
  public record Program(String name, String state, long pid, String uptime) {
    public Program(String name, String state, long pid) {
      this(name, state, pid, "-");
    }

    public boolean running() {
      return state.equals("RUNNING");
    }
  }

  private final Path conf;

  public Supervisor(Path conf) {
    this.conf = conf;
  }

  /** The pid of supervisord when it is running. */
  public Optional<ProcessHandle> daemon() {
    Path pidFile = conf.resolveSibling("supervisord.pid");
    if (!Files.isRegularFile(conf) || !Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
          .filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean running() {
    return daemon().isPresent();
  }

  /** Starts supervisord (it daemonizes) and waits until it answers. */
  public void start() throws IOException, InterruptedException {
    HostCommand.Result started =
        HostCommand.run(
            List.of("supervisord", "-c", conf.toString()), null, Duration.ofSeconds(30));
    if (started.exit() != 0) {
      throw new IOException("supervisord did not start: " + started.output());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (ctl("pid").output().strip().matches("\\d+")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("supervisord started but does not answer on " + conf);
  }

  /**
   * How often each program ended when supervisord did not expect it to, since supervisord last
   * started (read from its log): an agent it restarted, or a demo service that died.
   */
  public static Map<String, Integer> unexpectedExits(Path log) {
    Map<String, Integer> exits = new java.util.HashMap<>();
    if (!Files.exists(log)) {
      return exits;
    }
    try {
      for (String line : Files.readAllLines(log)) {
        if (line.contains("supervisord started with pid")) {
          exits.clear();
        }
        Matcher m = EXITED.matcher(line);
        if (m.find()) {
          exits.merge(m.group(1), 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      // No count is better than a wrong one: status shows none.
      exits.clear();
    }
    return exits;
  }

  /** Every program and its state, in the configuration's order. */
  public Map<String, Program> programs() throws IOException, InterruptedException {
    Map<String, Program> programs = new LinkedHashMap<>();
    for (String line : ctl("status").output().split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length < 2 || !words[1].matches("[A-Z]+")) {
        continue;
      }
      long pid = 0;
      String uptime = "-";
      if (words.length > 3 && words[2].equals("pid")) {
        pid = Long.parseLong(words[3].replace(",", ""));
      }
      if (words.length > 5 && words[4].equals("uptime")) {
        uptime = words[5];
      }
      programs.put(words[0], new Program(words[0], words[1], pid, uptime));
    }
    return programs;
  }

  public Program program(String name) throws IOException, InterruptedException {
    return programs().getOrDefault(name, new Program(name, "UNKNOWN", 0));
  }

  /** Asks supervisord to start, stop or restart programs ({@code all} for every one). */
  public void control(String action, String... names) throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of(action));
    arguments.addAll(List.of(names));
    ctl(arguments.toArray(String[]::new));
  }

  /**
   * Reads the configuration again and applies what changed (the {@code update} of supervisorctl).
   */
  public void reload() throws IOException, InterruptedException {
    ctl("reread");
    ctl("update");
  }

  /** Stops every program and supervisord itself; waits until it has gone. */
  public void shutdown() throws IOException, InterruptedException {
    Optional<ProcessHandle> daemon = daemon();
    ctl("stop", "all");
    ctl("shutdown");
    if (daemon.isPresent()) {
      ProcessHandle process = daemon.get();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      if (process.isAlive()) {
        process.destroy();
        throw new IOException("supervisord (pid " + process.pid() + ") did not stop; sent TERM");
      }
    }
  }

  private HostCommand.Result ctl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
    command.addAll(List.of(arguments));
    return HostCommand.run(command, null, Duration.ofSeconds(60));
  }
}
