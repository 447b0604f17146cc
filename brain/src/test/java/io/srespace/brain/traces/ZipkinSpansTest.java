package io.srespace.brain.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.srespace.brain.core.model.Span;
import io.srespace.brain.traces.ZipkinSpans.Endpoint;
import io.srespace.brain.traces.ZipkinSpans.ZipkinSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zipkin's reports of spans become spans with unique ids and unbroken parent links. */
class ZipkinSpansTest {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final Endpoint QUOTE = new Endpoint("quote-service");
  private static final Endpoint POLICY = new Endpoint("policy-service");

  @Test
  void mergesTheReportsOfOneSpanIntoOne() {
    List<Span> spans =
        ZipkinSpans.of(
            List.of(
                new ZipkinSpan(
                    TRACE, null, "a1", "SERVER", "get /quotes", 1_000L, 40L, QUOTE, null),
                new ZipkinSpan(TRACE, null, "a1", "SERVER", null, 1_010L, 50L, QUOTE, null)));

    assertThat(spans)
        .extracting(Span::spanId, Span::operation, Span::startNanos, Span::endNanos)
        .containsExactly(tuple("a1", "get /quotes", 1_000_000L, 1_060_000L));
  }

  @Test
  void keepsTheSharedIdForTheServerHalfWhenTheFlagIsMissing() {
    List<Span> spans =
        ZipkinSpans.of(
            List.of(
                new ZipkinSpan(
                    TRACE, "a1", "b2", "SERVER", "get /policies", 1_200L, 15L, POLICY, null),
                new ZipkinSpan(TRACE, "a1", "b2", "CLIENT", "get", 1_100L, 30L, QUOTE, null)));

    assertThat(spans)
        .extracting(Span::spanId, Span::parentId, Span::service)
        .containsExactlyInAnyOrder(
            tuple("b2-client", "a1", "quote-service"), tuple("b2", "b2-client", "policy-service"));
  }

  @Test
  void leavesOutASpanThatNoReportGivesATimestamp() {
    List<Span> spans =
        ZipkinSpans.of(
            List.of(
                new ZipkinSpan(
                    TRACE, null, "a1", "SERVER", "get /quotes", 1_000L, 40L, QUOTE, null),
                new ZipkinSpan(TRACE, "a1", "c3", "CLIENT", "get", null, null, QUOTE, null)));

    assertThat(spans).extracting(Span::spanId).containsExactly("a1");
  }
}
