package io.srespace.fixer.guardrails;

/** What the guardrails say of a plan: go ahead, ask a human first, or refuse with a reason. */
public record Verdict(Decision decision, String reason) {

  /** The three outcomes. */
  public enum Decision {
    GO,
    ASK_APPROVAL,
    REFUSE
  }

  public static Verdict go(String reason) {
    return new Verdict(Decision.GO, reason);
  }

  public static Verdict askApproval(String reason) {
    return new Verdict(Decision.ASK_APPROVAL, reason);
  }

  public static Verdict refuse(String reason) {
    return new Verdict(Decision.REFUSE, reason);
  }
}
