package io.srespace.board;

import java.util.Set;

/** An incident's issue as the board shows it. */
public record Issue(
    int number, String title, String body, boolean open, Set<String> labels, String url) {
  public Issue {
    labels = Set.copyOf(labels);
  }
}
