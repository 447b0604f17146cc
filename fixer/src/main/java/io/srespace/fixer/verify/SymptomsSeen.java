package io.srespace.fixer.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** When Scout last said each incident's symptoms cleared: half of Fixer's proof of recovery. */
public final class SymptomsSeen {
  private final Map<String, Instant> cleared = new ConcurrentHashMap<>();

  public void cleared(String incidentId, Instant at) {
    cleared.merge(incidentId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** When the incident's symptoms cleared, if they did after {@code since}. */
  public Optional<Instant> clearedAfter(String incidentId, Instant since) {
    return Optional.ofNullable(cleared.get(incidentId)).filter(at -> at.isAfter(since));
  }
}
