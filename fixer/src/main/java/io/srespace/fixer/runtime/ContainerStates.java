package io.srespace.fixer.runtime;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import io.srespace.fixer.runtime.ServiceStatus.State;
import java.util.List;

/** Reads the engine's container states as the states every runtime shares. */
final class ContainerStates {

  private ContainerStates() {}

  static State of(ContainerState state) {
    if (state == null || state.getStatus() == null) {
      return State.UNKNOWN;
    }
    return switch (state.getStatus()) {
      case "running" -> ofHealth(health(state));
      case "restarting" -> State.STARTING;
      case "created", "paused", "removing" -> State.STOPPED;
      case "exited" -> failed(state) ? State.FAILED : State.STOPPED;
      case "dead" -> State.FAILED;
      default -> State.UNKNOWN;
    };
  }

  /** The engine's words: "running (healthy)", "exited (137, OOM killed)". */
  static String describe(ContainerState state) {
    if (state == null || state.getStatus() == null) {
      return "no state";
    }
    StringBuilder text = new StringBuilder(state.getStatus());
    String health = health(state);
    if ("running".equals(state.getStatus()) && health != null) {
      text.append(" (").append(health).append(')');
    } else if ("exited".equals(state.getStatus()) || "dead".equals(state.getStatus())) {
      text.append(" (").append(state.getExitCodeLong());
      if (Boolean.TRUE.equals(state.getOOMKilled())) {
        text.append(", OOM killed");
      }
      if (state.getError() != null && !state.getError().isBlank()) {
        text.append(", ").append(state.getError());
      }
      text.append(')');
    }
    return text.toString();
  }

  /** The worst of several containers' states: one failed replica makes the service failed. */
  static State worst(List<State> states) {
    List<State> order =
        List.of(State.FAILED, State.STOPPED, State.STARTING, State.UNKNOWN, State.RUNNING);
    return order.stream().filter(states::contains).findFirst().orElse(State.UNKNOWN);
  }

  private static State ofHealth(String health) {
    if (health == null) {
      return State.RUNNING;
    }
    return switch (health) {
      case "starting" -> State.STARTING;
      case "unhealthy" -> State.FAILED;
      default -> State.RUNNING;
    };
  }

  private static String health(ContainerState state) {
    HealthState health = state.getHealth();
    if (health == null || health.getStatus() == null || "none".equals(health.getStatus())) {
      return null;
    }
    return health.getStatus();
  }

  private static boolean failed(ContainerState state) {
    if (Boolean.TRUE.equals(state.getOOMKilled())
        || (state.getError() != null && !state.getError().isBlank())) {
      return true;
    }
    Long exitCode = state.getExitCodeLong();
    // 143 and 137 are SIGTERM and SIGKILL, what `docker stop` sends: a stop, not a crash.
    return exitCode != null && exitCode != 0 && exitCode != 143 && exitCode != 137;
  }
}
