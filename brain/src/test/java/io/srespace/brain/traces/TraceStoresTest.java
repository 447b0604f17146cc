package io.srespace.brain.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration names the trace backend; a name it does not know stops start-up clearly. */
class TraceStoresTest {
  private static final URI BASE = URI.create("http://127.0.0.1:16686");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void picksTheAdapterTheKindNames() {
    assertThat(TraceStores.of("jaeger", BASE, TIMEOUT)).isInstanceOf(JaegerTraceStore.class);
    assertThat(TraceStores.of(" Zipkin ", BASE, TIMEOUT)).isInstanceOf(ZipkinTraceStore.class);
  }

  @Test
  void rejectsAKindItDoesNotKnow() {
    assertThatThrownBy(() -> TraceStores.of("tempo", BASE, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown trace store 'tempo': expected jaeger or zipkin");
  }
}
