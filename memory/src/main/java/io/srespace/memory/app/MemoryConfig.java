package io.srespace.memory.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Memory's settings; every one has a default that runs the local demo. */
@ConfigMapping(prefix = "memory")
public interface MemoryConfig {
  /** Base URL of the Chroma server. */
  @WithDefault("http://127.0.0.1:8000")
  URI chromaUrl();

  /** Chroma tenant the collection lives in. */
  @WithDefault("default_tenant")
  String chromaTenant();

  /** Chroma database the collection lives in. */
  @WithDefault("default_database")
  String chromaDatabase();

  /** The collection post-mortems are stored in (created with cosine distance when missing). */
  @WithDefault("postmortems")
  String collection();

  /** How long one request to Chroma may take. */
  @WithDefault("5s")
  Duration chromaTimeout();

  /** How many similar incidents a recall returns when the request does not say. */
  @WithDefault("5")
  int k();

  /** The most similar incidents one recall may ask for. */
  @WithDefault("50")
  int kMax();
}
