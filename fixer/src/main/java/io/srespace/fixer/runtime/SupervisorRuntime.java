package io.srespace.fixer.runtime;

import io.srespace.fixer.runtime.ServiceStatus.State;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Fixer's hands on services that supervisord runs as plain processes, through supervisord's XML-RPC
 * API (its {@code [inet_http_server]}, with basic authentication when it has a username).
 *
 * <p>supervisord cannot change a program's environment while it runs, so {@link #redeploy} writes
 * the variables into {@code <environment folder>/<service>.env} (KEY=value lines, other keys kept)
 * and restarts the program, whose command must source that file when it starts:
 *
 * <pre>
 * command=bash -c 'set -a; . /srv/env/user-service.env; exec java -jar /srv/user-service/quarkus-run.jar'
 * </pre>
 */
public final class SupervisorRuntime implements ContainerRuntime {
  private static final Pattern FILE_SAFE_SERVICE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  /** The {@code [inet_http_server]} username and password. */
  public record Credentials(String username, String password) {
    public Credentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=***]";
    }
  }

  /** A program as supervisord's {@code getProcessInfo} reports it. */
  public record ProcessInfo(
      String name,
      String group,
      String stateName,
      int pid,
      String description,
      int exitStatus,
      long startSeconds) {}

  private final URI baseUri;
  private final Duration timeout;
  private final Path environmentFolder;
  private final Map<String, String> programs;
  private final XmlRpcClient rpc;

  /** A runtime for a supervisord without a password, whose program names are the service names. */
  public SupervisorRuntime(URI baseUri, Duration timeout, Path environmentFolder) {
    this(baseUri, timeout, environmentFolder, null, Map.of());
  }

  /**
   * A runtime for the supervisord at {@code baseUri} (such as {@code http://127.0.0.1:9001}).
   *
   * @param timeout how long one call may take; a restart waits for the program's stopwaitsecs and
   *     startsecs within it
   * @param environmentFolder where {@link #redeploy} writes {@code <service>.env}
   * @param credentials the server's username and password, or null when it has none
   * @param programs the program name ({@code name} or {@code group:name}) of each service whose
   *     program is not named as the service
   */
  public SupervisorRuntime(
      URI baseUri,
      Duration timeout,
      Path environmentFolder,
      Credentials credentials,
      Map<String, String> programs) {
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.environmentFolder = Objects.requireNonNull(environmentFolder, "environmentFolder");
    this.programs = Map.copyOf(programs);
    this.rpc =
        new XmlRpcClient(
            URI.create(baseUri.toString().replaceAll("/+$", "") + "/RPC2"),
            timeout,
            credentials == null ? null : credentials.username(),
            credentials == null ? null : credentials.password());
  }

  /** Stops the program (when it runs) and starts it, waiting until supervisord says RUNNING. */
  @Override
  public void restart(String service) {
    stopAndStart("restart", service);
  }

  /**
   * Merges {@code environment} into {@code <environment folder>/<service>.env}, then restarts the
   * program so that it reads the file again; for a program supervisord does not know, nothing is
   * written.
   */
  @Override
  public void redeploy(String service, Map<String, String> environment) {
    Path file = environmentFile(service);
    call("redeploy", service, "supervisor.getProcessInfo", program(service));
    try {
      EnvironmentFile.merge(file, environment);
    } catch (IllegalArgumentException e) {
      throw failure("redeploy", service, e.getMessage(), e);
    } catch (IOException e) {
      throw failure("redeploy", service, "cannot write %s: %s".formatted(file, e), e);
    }
    stopAndStart("redeploy", service);
  }

  @Override
  public ServiceStatus status(String service) {
    ProcessInfo info = processInfo(service);
    String detail =
        info.description().isBlank()
            ? info.stateName()
            : info.stateName() + " " + info.description();
    return new ServiceStatus(
        service,
        state(info.stateName()),
        detail,
        info.startSeconds() > 0 ? Instant.ofEpochSecond(info.startSeconds()) : null);
  }

  @Override
  public OptionalLong hostPid(String service) {
    try {
      int pid = processInfo(service).pid();
      return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    } catch (RuntimeActionException unknown) {
      return OptionalLong.empty();
    }
  }

  /** What supervisord reports of the service's program. */
  public ProcessInfo processInfo(String service) {
    Object answer = call("status", service, "supervisor.getProcessInfo", program(service));
    if (!(answer instanceof Map<?, ?> info)) {
      throw failure("status", service, "supervisor.getProcessInfo answered " + answer, null);
    }
    return new ProcessInfo(
        String.valueOf(info.get("name")),
        String.valueOf(info.get("group")),
        String.valueOf(info.get("statename")),
        info.get("pid") instanceof Integer pid ? pid : 0,
        info.get("description") instanceof String description ? description : "",
        info.get("exitstatus") instanceof Integer exit ? exit : 0,
        info.get("start") instanceof Integer start ? start : 0);
  }

  /** The file {@link #redeploy} writes the service's environment to. */
  public Path environmentFile(String service) {
    if (service == null || !FILE_SAFE_SERVICE.matcher(service).matches()) {
      throw new RuntimeActionException(
          "'%s' is not a service name %s can keep an environment file for"
              .formatted(service, describe()));
    }
    return environmentFolder.resolve(service + ".env");
  }

  @Override
  public String describe() {
    return "supervisor at " + baseUri;
  }

  static State state(String stateName) {
    return switch (stateName) {
      case "RUNNING" -> State.RUNNING;
      case "STARTING", "BACKOFF" -> State.STARTING;
      case "STOPPED", "STOPPING" -> State.STOPPED;
      case "EXITED", "FATAL" -> State.FAILED;
      default -> State.UNKNOWN;
    };
  }

  private void stopAndStart(String action, String service) {
    String program = program(service);
    try {
      invoke(action, service, "supervisor.stopProcess", program, true);
    } catch (XmlRpcClient.Fault fault) {
      if (!"NOT_RUNNING".equals(fault.name())) {
        throw faultFailure(action, service, "supervisor.stopProcess", fault);
      }
    }
    try {
      invoke(action, service, "supervisor.startProcess", program, true);
    } catch (XmlRpcClient.Fault fault) {
      throw failure(
          action,
          service,
          "%s (supervisor.startProcess); now %s".formatted(fault.faultString(), aftermath(program)),
          fault);
    }
  }

  /** What supervisord says of a program that did not start: its state, reason and log. */
  private String aftermath(String program) {
    try {
      if (rpc.call("supervisor.getProcessInfo", program) instanceof Map<?, ?> info) {
        return "%s: %s, see %s"
            .formatted(info.get("statename"), info.get("description"), info.get("stdout_logfile"));
      }
      return "in an unknown state";
    } catch (IOException | XmlRpcClient.Fault e) {
      return "in an unknown state (%s)".formatted(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "in an unknown state (interrupted)";
    }
  }

  private String program(String service) {
    return programs.getOrDefault(service, service);
  }

  private Object call(String action, String service, String method, Object... params) {
    try {
      return invoke(action, service, method, params);
    } catch (XmlRpcClient.Fault fault) {
      throw faultFailure(action, service, method, fault);
    }
  }

  private Object invoke(String action, String service, String method, Object... params)
      throws XmlRpcClient.Fault {
    try {
      return rpc.call(method, params);
    } catch (IOException e) {
      throw failure(action, service, "%s (%s)".formatted(reason(e), method), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(action, service, "interrupted while waiting for " + method, e);
    }
  }

  private String reason(IOException e) {
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return "cannot connect, is supervisord running there with an [inet_http_server]? " + e;
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + timeout;
    }
    if (e instanceof XmlRpcClient.HttpStatusException) {
      return "it answered " + e.getMessage();
    }
    return "its answer was not understood: " + e;
  }

  private RuntimeActionException faultFailure(
      String action, String service, String method, XmlRpcClient.Fault fault) {
    return failure(action, service, "%s (%s)".formatted(fault.faultString(), method), fault);
  }

  private RuntimeActionException failure(
      String action, String service, String reason, Throwable cause) {
    return new RuntimeActionException(
        "%s of %s through %s failed: %s".formatted(action, service, describe(), reason), cause);
  }
}
