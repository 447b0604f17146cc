package io.srespace.brain.app;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.smallrye.common.annotation.Identifier;
import io.srespace.board.IncidentBoard;
import io.srespace.brain.diagnosis.ChangeCorrelation;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.PlanChooser;
import io.srespace.brain.diagnosis.TraceAnalysis;
import io.srespace.brain.diagnosis.TraceEvidence;
import io.srespace.brain.investigation.Investigations;
import io.srespace.brain.investigation.Investigator;
import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.brain.llm.LlmAdvisor;
import io.srespace.brain.memory.MemoryServiceClient;
import io.srespace.brain.memory.PastIncidents;
import io.srespace.brain.traces.TraceStore;
import io.srespace.brain.traces.TraceStores;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
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
    return config.board().incidentBoard("brain");
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
        ? Optional.of(
            new MemoryServiceClient(URI.create(memory.url()), memory.timeout(), memory.apiKey()))
        : Optional.empty();
  }

  /** The deployments read from {@code deployments}, for correlating incidents with changes. */
  @Produces
  @Singleton
  DeploymentHistory deploymentHistory(KnowledgeGraph graph) {
    return new DeploymentHistory(graph::knows);
  }

  @Produces
  @Singleton
  Diagnoser diagnoser(
      BrainConfig config,
      KnowledgeGraph graph,
      Optional<TraceAnalysis> traceAnalysis,
      Optional<PastIncidents> memory,
      Optional<LlmAdvisor> llm,
      PlanChooser plans,
      DeploymentHistory deployments) {
    return new Diagnoser(
        graph,
        plans,
        traceAnalysis,
        memory,
        llm,
        Optional.of(new ChangeCorrelation(graph, deployments, config.changeWindow())),
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

  /** The language model when it is enabled and has a base URL; otherwise none. */
  @Produces
  @Singleton
  Optional<LlmAdvisor> llm(BrainConfig config) {
    BrainConfig.Llm llm = config.llm();
    if (!llm.enabled()) {
      return Optional.empty();
    }
    if (llm.baseUrl().isEmpty()) {
      throw new IllegalStateException(
          "brain.llm.enabled is true but no base URL is set (OPENAI_BASE_URL, brain.llm.base-url)");
    }
    return Optional.of(
        new LlmAdvisor(
            OpenAiChatModel.builder()
                .baseUrl(llm.baseUrl().get())
                .apiKey(llm.apiKey().orElse("none"))
                .modelName(llm.model())
                .timeout(llm.timeout())
                .maxRetries(0)
                .build(),
            llm.timeout(),
            llm.tokenBudget()));
  }

  void closeLlm(@Disposes Optional<LlmAdvisor> llm) {
    llm.ifPresent(LlmAdvisor::close);
  }

  @Produces
  @Singleton
  EventPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    return new EventPublisher(kafka, "brain");
  }

  void closePublisher(@Disposes EventPublisher publisher) {
    publisher.close();
  }
}
