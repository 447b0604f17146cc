package io.srespace.board;

import java.time.Instant;

/** One comment on an issue; ids only grow, so the last id seen is a cursor for newer ones. */
public record Comment(long id, String author, Instant createdAt, String body) {}
