package io.srespace.board;

import java.time.Instant;

/** A branch and the time of its newest commit. */
public record Branch(String name, Instant lastCommit) {}
