package io.srespace.memory.app;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.memory.chroma.ChromaCollection;
import io.srespace.memory.recall.PostmortemMemory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the embedding model, the Chroma collection and the memory over both from settings. */
@ApplicationScoped
public class MemoryProducers {
  private static final Logger LOG = Logger.getLogger(MemoryProducers.class);

  @Produces
  @Singleton
  EmbeddingModel embeddingModel() {
    return new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  @Produces
  @Singleton
  ChromaCollection chroma(MemoryConfig config) {
    return new ChromaCollection(
        config.chromaUrl(),
        config.chromaTenant(),
        config.chromaDatabase(),
        config.collection(),
        config.chromaTimeout());
  }

  @Produces
  @Singleton
  PostmortemMemory memory(EmbeddingModel model, ChromaCollection chroma) {
    return new PostmortemMemory(model, chroma::store);
  }

  /** Publishes what Memory has learnt on {@code memory.records}, as Memory's own Kafka user. */
  @Produces
  @Singleton
  EventPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    return new EventPublisher(kafka, "memory");
  }

  void closePublisher(@Disposes EventPublisher publisher) {
    publisher.close();
  }

  @Produces
  @Singleton
  MemoryRecords records(EventPublisher publisher) {
    return event -> publisher.publish(Topics.MEMORY_RECORDS, event);
  }

  /** Loads the model and opens the collection at start-up rather than at the first request. */
  void warmUp(@Observes StartupEvent started, EmbeddingModel model, ChromaCollection chroma) {
    model.embed("warm-up");
    LOG.infof("embedding model ready: %d dimensions", model.dimension());
    try {
      chroma.store();
      LOG.infof(
          "collection %s on Chroma at %s holds %d post-mortems",
          chroma.name(), chroma.url(), chroma.count());
    } catch (RuntimeException e) {
      LOG.warnf("%s; tried again at the first post-mortem or recall", e.getMessage());
    }
  }
}
