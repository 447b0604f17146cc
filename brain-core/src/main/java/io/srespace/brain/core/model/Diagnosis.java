package io.srespace.brain.core.model;

import java.util.List;

/** The analyser's answer for one case: suspects most-likely-first, and what it had to work with. */
public record Diagnosis(String caseId, List<RankedSuspect> suspects, List<String> notes) {

  public Diagnosis {
    suspects = List.copyOf(suspects);
    notes = List.copyOf(notes);
  }

  public List<String> topServices(int k) {
    return suspects.stream().limit(k).map(RankedSuspect::service).toList();
  }
}
