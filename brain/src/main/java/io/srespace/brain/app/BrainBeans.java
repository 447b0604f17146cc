package io.srespace.brain.app;

import io.srespace.board.IncidentBoard;
import io.srespace.board.github.GitHubBoard;
import io.srespace.board.github.GitHubSettings;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.PlanChooser;
import io.srespace.brain.diagnosis.TraceAnalysis;
import io.srespace.brain.diagnosis.TraceEvidence;
import io.srespace.brain.investigation.Investigations;
import io.srespace.brain.investigation.Investigator;
import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.brain.knowledge.KnowledgeGraph;
import io.srespace.brain.memory.MemoryServiceClient;
import io.srespace.brain.memory.PastIncidents;
import io.srespace.brain.traces.TraceStore;
import io.srespace.brain.traces.TraceStores;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Builds Brain's parts from its configuration: the adapters it picks and the diagnoser. */
public class BrainBeans {

  @Produces
  @Singleton
  KnowledgeGraph knowledgeGraph(BrainConfig config) {
    return KnowledgeGraph.load(Path.of(config.topology()));
  }

  @Produces
  @Singleton
  IncidentBoard board(BrainConfig config) {
    BrainConfig.Board board = config.board();
    if (board.githubToken().isPresent() && board.githubRepository().isPresent()) {
      return GitHubBoard.connect(
          new GitHubSettings(
              board.githubToken().get(),
              board.githubRepository().get(),
              board.githubApiUrl(),
              300));
    }
    return LocalGitBoard.open(Path.of(board.local()), "brain");
  }

  @Produces
  @Singleton
  Optional<TraceStore> traceStore(BrainConfig config) {
    BrainConfig.Traces traces = config.traces();
    if ("none".equals(traces.kind())) {
      return Optional.empty();
    }
    return Optional.of(TraceStores.of(traces.kind(), URI.create(traces.url()), traces.timeout()));
  }

  @Produces
  @Singleton
  Optional<PastIncidents> pastIncidents(BrainConfig config) {
    BrainConfig.Memory memory = config.memory();
    return memory.enabled()
        ? Optional.of(new MemoryServiceClient(URI.create(memory.url()), memory.timeout()))
        : Optional.empty();
  }

  @Produces
  @Singleton
  Diagnoser diagnoser(
      BrainConfig config,
      KnowledgeGraph graph,
      Optional<TraceAnalysis> traceAnalysis,
      Optional<PastIncidents> memory,
      PlanChooser plans) {
    return new Diagnoser(
        graph,
        new PlanChooser(
            graph, new DeployedConfig(Path.of(config.gitops())), config.minConfidence()),
        traceAnalysis,
        memory,
        new Diagnoser.Settings(
            config.lookBefore(), config.memory().reuseDistance(), config.memory().k()),
        Clock.systemUTC());
  }

  @Produces
  @Singleton
  Optional<TraceAnalysis> traceAnalysis(BrainConfig config, Optional<TraceStore> traces) {
    return traces.map(
        store ->
            new TraceAnalysis(
                new TraceEvidence(store, config.traces().perService()),
                config.baseline(),
                config.baselineGap()));
  }

  @Produces
  @Singleton
  PlanChooser plans(BrainConfig config, KnowledgeGraph graph) {
    return new PlanChooser(
        graph, new DeployedConfig(Path.of(config.gitops())), config.minConfidence());
  }

  @Produces
  @Singleton
  Investigations investigations(
      BrainConfig config,
      KnowledgeGraph graph,
      Optional<TraceAnalysis> traceAnalysis,
      Optional<PastIncidents> memory,
      PlanChooser plans) {
    return new Investigations(
        new Investigator(
            graph,
            traceAnalysis,
            memory,
            plans,
            config.investigationWindow(),
            config.memory().k(),
            Clock.systemUTC()),
        Clock.systemUTC());
  }

  void closeInvestigations(@Disposes Investigations investigations) {
    investigations.close();
  }
}
