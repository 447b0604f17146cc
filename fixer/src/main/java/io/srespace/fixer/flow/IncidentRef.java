package io.srespace.fixer.flow;

import java.util.Optional;

/** The incident an action is for, and its issue, as the diagnosis named them. */
public record IncidentRef(String id, Integer issue) {
  Optional<Integer> issueNumber() {
    return Optional.ofNullable(issue);
  }
}
