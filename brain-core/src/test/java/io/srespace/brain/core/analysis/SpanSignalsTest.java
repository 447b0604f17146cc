package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanSignalsTest {

  private static final long MS = 1_000_000L;
  private static final long ALERT = 1_700_000_000_000_000_000L;

  /**
   * A product page: frontend asks the catalog for the product (client span, then the catalog's
   * server span), then the currency service for its price, unless it gives up after the catalog.
   */
  private static List<Span> pages(long from, int count, boolean givesUp) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = from + i * 1000 * MS;
      String trace = "t" + from + "-" + i;
      long end = t + (givesUp ? 5 : 8) * MS;
      spans.add(new Span(trace, trace + "r", null, "frontend", "Recv", t, end));
      spans.add(new Span(trace, trace + "c", trace + "r", "frontend", "GetProduct", t, t + 3 * MS));
      spans.add(
          new Span(trace, trace + "cs", trace + "c", "catalog", "GetProduct", t + MS, t + 2 * MS));
      if (!givesUp) {
        spans.add(
            new Span(
                trace, trace + "x", trace + "r", "frontend", "Convert", t + 4 * MS, t + 6 * MS));
        spans.add(
            new Span(
                trace, trace + "xs", trace + "x", "currency", "Convert", t + 4 * MS, t + 5 * MS));
      }
    }
    return spans;
  }

  @Test
  void spansThatStopCallingCreditTheServiceTheyHadCalledLast() {
    SignalBoard board = new SignalBoard();
    List<Span> window = pages(ALERT, 40, false);
    window.addAll(pages(ALERT + 50_000 * MS, 40, true));

    new SpanSignals(
            new SpanGraph(pages(ALERT - 300_000 * MS, 80, false)), new SpanGraph(window), board)
        .behaviour(Map.of(), Map.of());

    assertThat(board.strength("frontend", Signal.BEHAVIOUR_LOST)).isGreaterThan(5);
    assertThat(board.strength("catalog", Signal.CALLERS_BLAME)).isGreaterThan(5);
    assertThat(board.strength("currency", Signal.CALLERS_BLAME)).isZero();
  }

  @Test
  void aServiceItsCallersStoppedCallingHasNotVanishedByItself() {
    Case incident =
        new Case(
            "gives-up",
            ALERT,
            ALERT + 180_000 * MS,
            new Observations(pages(ALERT, 120, true), List.of(), List.of()),
            new Observations(pages(ALERT - 300_000 * MS, 120, false), List.of(), List.of()),
            null);

    List<RankedSuspect> suspects = new RootCauseAnalyser().analyse(incident).suspects();

    assertThat(suspects.get(0).service()).isNotEqualTo("currency");
    assertThat(suspects)
        .filteredOn(s -> s.service().equals("currency"))
        .allSatisfy(s -> assertThat(s.score()).isLessThan(suspects.get(0).score() / 2));
  }

  @Test
  void aServiceItsCallersGiveUpAfterCallingRanksAboveThem() {
    Case incident =
        new Case(
            "catalog-answers-badly",
            ALERT,
            ALERT + 180_000 * MS,
            new Observations(pages(ALERT, 120, true), List.of(), List.of()),
            new Observations(pages(ALERT - 300_000 * MS, 120, false), List.of(), List.of()),
            null);

    List<RankedSuspect> suspects = new RootCauseAnalyser().analyse(incident).suspects();

    assertThat(suspects.get(0).service()).isEqualTo("catalog");
  }

  /** The ad service picks ads by category when the page names one, else at random. */
  private static List<Span> ads(long from, int count, double randomShare) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = from + i * 1000 * MS;
      String trace = "a" + from + "-" + i;
      String branch = i % 100 < randomShare * 100 ? "getRandomAds" : "getAdsByCategory";
      spans.add(new Span(trace, trace + "g", null, "ads", "getAds", t, t + 2 * MS));
      spans.add(new Span(trace, trace + "b", trace + "g", "ads", branch, t, t + MS));
    }
    return spans;
  }

  /** Each request charges the card unless it stops; a fifth (baseline) or half also ship. */
  private static List<Span> checkouts(long from, int count, boolean halfStop) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = from + i * 1000 * MS;
      String trace = "k" + from + "-" + i;
      spans.add(new Span(trace, trace + "o", null, "checkout", "PlaceOrder", t, t + 5 * MS));
      boolean stops = halfStop && i % 2 == 0;
      if (!stops) {
        spans.add(new Span(trace, trace + "c", trace + "o", "payment", "Charge", t, t + MS));
      }
      if (halfStop ? !stops : i % 5 == 0) {
        spans.add(new Span(trace, trace + "s", trace + "o", "shipping", "Ship", t, t + MS));
      }
    }
    return spans;
  }

  @Test
  void aBehaviourRisingInOtherSpansDoesNotExplainSpansThatStopped() {
    SignalBoard board = new SignalBoard();

    new SpanSignals(
            new SpanGraph(checkouts(ALERT - 300_000 * MS, 100, false)),
            new SpanGraph(checkouts(ALERT, 100, true)),
            board)
        .behaviour(Map.of(), Map.of());

    assertThat(board.strength("checkout", Signal.BEHAVIOUR_LOST)).isGreaterThan(5);
  }

  @Test
  void spansMovingToAnotherKnownBranchAreADataChangeNotAFault() {
    SignalBoard board = new SignalBoard();

    new SpanSignals(
            new SpanGraph(ads(ALERT - 300_000 * MS, 200, 0.2)),
            new SpanGraph(ads(ALERT, 100, 0.9)),
            board)
        .behaviour(Map.of(), Map.of());

    assertThat(board.strength("ads", Signal.BEHAVIOUR_LOST)).isZero();
  }
}
