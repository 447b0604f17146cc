package io.srespace.brain.core.model;

/** One finding behind a suspect: which signal, how strong (in robust z units) and what was seen. */
public record Evidence(String signal, double strength, String detail) {

  @Override
  public String toString() {
    return "%s (%.1f): %s".formatted(signal, strength, detail);
  }
}
