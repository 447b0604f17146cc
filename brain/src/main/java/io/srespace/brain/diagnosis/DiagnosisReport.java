package io.srespace.brain.diagnosis;

import io.srespace.events.DiagnosisMade;
import io.srespace.events.Suspect;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.knowledge.KnowledgeGraph;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The issue comment of a diagnosis: the verdict, the ranked suspects, their evidence with trace
 * ids, the past incidents drawn on, and last the one directive line Fixer and people act on.
 */
public final class DiagnosisReport {
  private DiagnosisReport() {}

  public static String markdown(Diagnoser.Result result, KnowledgeGraph graph) {
    DiagnosisMade made = result.diagnosis();
    StringBuilder md = new StringBuilder();
    md.append("**Brain: diagnosis** — ").append(made.summary()).append("\n\n");
    md.append(
        "Confidence %.2f (%s): margin over the next suspect %.2f, agreement of the evidence %.2f.\n\n"
            .formatted(
                result.confidence().value(),
                result.confidence().level(),
                result.confidence().margin(),
                result.confidence().agreement()));
    md.append("| rank | service | score | fault class |\n| --- | --- | --- | --- |\n");
    int rank = 1;
    for (Suspect s : made.suspects()) {
      md.append(
          "| %d | %s | %.3f | %s |\n"
              .formatted(rank++, s.service(), s.score(), s.faultClass().id()));
    }
    if (!made.suspects().isEmpty()) {
      Suspect top = made.suspects().get(0);
      md.append("\nEvidence against ").append(top.service()).append(":\n");
      top.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
      if (!top.traceIds().isEmpty()) {
        md.append("- traces: ").append(String.join(", ", top.traceIds())).append('\n');
      }
      graph
          .service(top.service())
          .ifPresent(
              s -> md.append("\nOwner: %s. Runbook: %s.\n".formatted(s.owner(), s.runbook())));
    }
    if (!result.similar().isEmpty()) {
      md.append("\nSimilar past incidents:\n");
      for (SimilarIncident s : result.similar()) {
        md.append(
            "- %s (%s), distance %.3f: %s on %s, %s, %s%s\n"
                .formatted(
                    s.incidentId(),
                    Diagnoser.issueOf(s),
                    s.distance(),
                    s.faultClass() == null ? "?" : s.faultClass().id(),
                    s.service(),
                    s.action() == null ? "?" : s.action().name().toLowerCase(Locale.ROOT),
                    s.outcome(),
                    result.reusedFrom().filter(s::equals).isPresent() ? " — **reused**" : ""));
      }
    }
    result
        .llm()
        .filter(advice -> !advice.narrative().isBlank())
        .ifPresent(
            advice ->
                md.append("\nNarrative (language model, ")
                    .append(advice.tokens())
                    .append(" tokens): ")
                    .append(advice.narrative())
                    .append('\n'));
    if (!result.notes().isEmpty()) {
      md.append("\nNotes: ")
          .append(result.notes().stream().collect(Collectors.joining("; ")))
          .append(".\n");
    }
    md.append("\nPlan: ").append(made.plan().reason()).append("\n\n");
    md.append(PlanChooser.directive(made.plan())).append('\n');
    return md.toString();
  }
}
