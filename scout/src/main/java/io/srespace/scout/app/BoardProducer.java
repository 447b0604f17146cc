package io.srespace.scout.app;

import io.srespace.board.IncidentBoard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The incident board: GitHub when a token and repository are configured, else the local git board.
 */
public class BoardProducer {
  @Produces
  @Singleton
  IncidentBoard board(ScoutConfig config) {
    return config.board().incidentBoard("scout");
  }
}
