package io.srespace.scout.spans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanDecoderTest {
  @Test
  void summarisesServerSpansPerServiceAndClientSpansPerEdge() throws Exception {
    byte[] record =
        OtlpRequests.request()
            .service("quote-service")
            .server("POST /quotes", 12, 201)
            .server("POST /quotes", 30, 502)
            .client("POST", 25, "127.0.0.1", 8081, true)
            .service("policy-service")
            .server("POST /prices", 20, 500)
            .bytes();

    Map<SpanKey, SpanStats> stats = SpanDecoder.summarize(record);

    SpanStats quotes = stats.get(SpanKey.service("quote-service"));
    assertThat(quotes.requests()).isEqualTo(2);
    assertThat(quotes.errors()).isEqualTo(1);
    assertThat(quotes.sampleErrorTrace()).matches("[0-9a-f]{32}");
    assertThat(quotes.latencyMillis(0.99)).isBetween(29.0, 31.0);
    SpanStats edge = stats.get(SpanKey.edge("quote-service", "127.0.0.1:8081"));
    assertThat(edge.requests()).isEqualTo(1);
    assertThat(edge.errors()).isEqualTo(1);
    assertThat(stats.get(SpanKey.service("policy-service")).errorRate()).isEqualTo(1.0);
    assertThat(stats).hasSize(3);
  }

  @Test
  void aClientSpanWithOnlyAUrlNamesItsPeerByHostAndPort() throws Exception {
    byte[] record =
        OtlpRequests.request()
            .service("quote-service")
            .clientToUrl("GET", 4, "http://127.0.0.1:8082/users/c-7")
            .bytes();

    assertThat(SpanDecoder.summarize(record))
        .containsKey(SpanKey.edge("quote-service", "127.0.0.1:8082"));
  }

  @Test
  void bytesThatAreNotOtlpAreRefused() {
    assertThatThrownBy(
            () -> SpanDecoder.summarize("not otlp at all".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void keysSurviveTheirEncoding() {
    assertThat(SpanKey.decode(SpanKey.edge("a", "b:1").encode()))
        .isEqualTo(SpanKey.edge("a", "b:1"));
    assertThat(SpanKey.decode(SpanKey.service("a").encode())).isEqualTo(SpanKey.service("a"));
  }
}
