package io.srespace.brain.investigation;

import io.srespace.events.FaultClass;
import io.srespace.events.recall.SimilarIncident;
import java.time.Instant;
import java.util.List;

/**
 * One investigation as the API returns it: the question, what Brain read in it, the evidence it
 * gathered, and its suggested root cause with a confidence derived from that evidence.
 */
public record Investigation(
    String id,
    Status status,
    String description,
    Instant submittedAt,
    Instant completedAt,
    TextEntities entities,
    Evidence evidence,
    RootCause rootCause,
    ConfidenceView confidence,
    String suggestedAction,
    String error) {

  /** Where an investigation is. */
  public enum Status {
    RUNNING,
    DONE,
    FAILED
  }

  /** What was gathered: the window read, the traces' suspects, past incidents, notes. */
  public record Evidence(
      Instant windowStart,
      Instant windowEnd,
      List<SuspectView> traceSuspects,
      List<SimilarIncident> similarIncidents,
      List<String> notes) {}

  /** One suspect of the analysis core over the window, with its evidence. */
  public record SuspectView(
      String service, double score, FaultClass faultClass, List<String> evidence) {}

  /** The suggested root cause and why. */
  public record RootCause(String service, FaultClass faultClass, String summary) {}

  /** The confidence as people read it (high/medium/low) with its score and parts. */
  public record ConfidenceView(String level, double score, double margin, double agreement) {}

  public static Investigation running(String id, String description, Instant at) {
    return new Investigation(
        id, Status.RUNNING, description, at, null, null, null, null, null, null, null);
  }

  public Investigation failed(String message, Instant at) {
    return new Investigation(
        id,
        Status.FAILED,
        description,
        submittedAt,
        at,
        entities,
        evidence,
        null,
        null,
        null,
        message);
  }
}
