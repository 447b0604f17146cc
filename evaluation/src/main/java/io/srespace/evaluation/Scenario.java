package io.srespace.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One fault of the catalogue as its file in {@code chaos/scenarios} states it: where and how hard
 * to inject it, and what the system is meant to conclude and do.
 */
public record Scenario(
    String fault,
    String service,
    Double intensity,
    Long durationSeconds,
    Diagnosis rightDiagnosis,
    Action rightAction,
    boolean expectsIncident) {

  /** A fault: the right outcome is an incident, diagnosed and acted on. */
  public Scenario(
      String fault,
      String service,
      Double intensity,
      Long durationSeconds,
      Diagnosis rightDiagnosis,
      Action rightAction) {
    this(fault, service, intensity, durationSeconds, rightDiagnosis, rightAction, true);
  }

  /** The service and fault class a right diagnosis names. */
  public record Diagnosis(String service, String faultClass) {}

  /**
   * The remediation ({@code restart}, {@code pull-request}, {@code escalate}) and its service;
   * {@code reverts}: the pull request must undo a recorded deployment.
   */
  public record Action(String action, String service, boolean reverts) {
    public Action(String action, String service) {
      this(action, service, false);
    }
  }

  /**
   * The cases of an evaluation, in order: an entry {@code fault[@service]} is one scenario; {@code
   * a+b} two faults that overlap, the second injected while the first is being handled.
   */
  public static List<List<Scenario>> cases(Path root, List<String> entries) throws IOException {
    List<List<Scenario>> cases = new ArrayList<>();
    for (String entry : entries) {
      cases.add(load(root, List.of(entry.split("\\+"))));
    }
    return cases;
  }

  /** Reads {@code chaos/scenarios/<fault>.yaml} under {@code root} for each fault, in order. */
  public static List<Scenario> load(Path root, List<String> faults) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<Scenario> scenarios = new ArrayList<>();
    for (String entry : faults) {
      // fault@service: the fault's scenario aimed at another service, which is then the one to
      // diagnose and act on.
      String fault = entry.split("@", 2)[0];
      String target = entry.contains("@") ? entry.split("@", 2)[1] : null;
      Path file = root.resolve("chaos/scenarios").resolve(fault + ".yaml");
      if (!Files.isRegularFile(file)) {
        throw new IOException("no scenario file " + file + " (is --root the repository?)");
      }
      Scenario scenario = read(yaml.readTree(file.toFile()), file);
      scenarios.add(target == null ? scenario : scenario.aimedAt(target));
    }
    return scenarios;
  }

  /** The same fault on {@code target}: the service to find and to act on is {@code target}. */
  public Scenario aimedAt(String target) {
    return new Scenario(
        fault,
        target,
        intensity,
        durationSeconds,
        new Diagnosis(target, rightDiagnosis.faultClass()),
        new Action(rightAction.action(), target, rightAction.reverts()),
        expectsIncident);
  }

  /**
   * The action class the scenario expects: restart, pull-request, revert, escalate, or none (load,
   * where no incident is right).
   */
  public String expectedClass() {
    return rightAction.reverts() ? "revert" : rightAction.action();
  }

  private static Scenario read(JsonNode node, Path file) {
    JsonNode diagnosis = node.path("right_diagnosis");
    JsonNode action = node.path("right_action");
    return new Scenario(
        text(node, "fault", file),
        text(node, "service", file),
        node.path("intensity").isNumber() ? node.path("intensity").asDouble() : null,
        node.path("duration_seconds").isNumber() ? node.path("duration_seconds").asLong() : null,
        new Diagnosis(
            text(diagnosis, "service", file), normalised(text(diagnosis, "fault_class", file))),
        new Action(
            normalised(text(action, "action", file)),
            text(action, "service", file),
            action.path("reverts").asBoolean(false)),
        node.path("expect_incident").asBoolean(true));
  }

  private static String text(JsonNode node, String field, Path file) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("%s: '%s' is missing".formatted(file, field));
    }
    return value.asText().strip();
  }

  /** Enumeration names compared the way people write them: lower case, dashes for underscores. */
  public static String normalised(String name) {
    return name == null ? null : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean diagnosisMatches(String service, String faultClass) {
    return rightDiagnosis.service().equals(service)
        && rightDiagnosis.faultClass().equals(normalised(faultClass));
  }

  public boolean actionMatches(String action, String service) {
    return rightAction.action().equals(normalised(action)) && rightAction.service().equals(service);
  }

  /** The same, and for a revert, that the action undoes a recorded deployment. */
  public boolean actionMatches(String action, String service, boolean reverts) {
    return actionMatches(action, service) && (reverts || !rightAction.reverts());
  }

  /** The launcher's arguments that inject this fault. */
  public List<String> chaosArguments() {
    List<String> arguments = new ArrayList<>(List.of("chaos", fault, service));
    if (intensity != null) {
      arguments.addAll(
          List.of(
              "--intensity", BigDecimal.valueOf(intensity).stripTrailingZeros().toPlainString()));
    }
    if (durationSeconds != null) {
      arguments.addAll(List.of("--duration", String.valueOf(durationSeconds)));
    }
    return arguments;
  }

  /** "policy-service / unavailable → restart policy-service". */
  public String expectation() {
    if (!expectsIncident) {
      return "no incident (load is not a fault)";
    }
    return "%s / %s → %s %s"
        .formatted(
            rightDiagnosis.service(),
            rightDiagnosis.faultClass(),
            rightAction.reverts() ? "revert (" + rightAction.action() + ")" : rightAction.action(),
            rightAction.service());
  }
}
