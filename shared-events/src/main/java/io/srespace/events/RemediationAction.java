package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import java.util.Locale;

/**
 * What Fixer may do about a diagnosis: restart, propose a configuration pull request, or hand over
 * to a human.
 */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum RemediationAction {
  RESTART,
  PULL_REQUEST,
  ESCALATE;

  /** The kebab-case name events carry: {@code pull-request}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
