package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.core.model.LogLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFlowSignalsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long ALERT = 1_700_000_000L * SECOND;

  /**
   * Each request: travel writes #451 then, unless it throws in between, #457; order writes its
   * entry line and, for a share of requests (the traffic mix), a warning.
   */
  private static List<LogLine> requests(long from, int count, boolean throwing, double warnShare) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = from + i * SECOND;
      String trace = "t" + from + "-" + i;
      lines.add(line(t, "travel", trace, "INFO t.s.TravelServiceImpl#451 [getTickets][time: 7]"));
      if (!throwing) {
        lines.add(
            line(t + 1, "travel", trace, "INFO t.s.TravelServiceImpl#457 [getTickets][time: 9]"));
      }
      lines.add(line(t + 2, "order", trace, "INFO o.c.OrderController#39 [getSoldTickets]"));
      if (i % 10 < warnShare * 10) {
        lines.add(line(t + 3, "order", trace, "WARN o.s.OrderServiceImpl#68 [Left ticket empty]"));
      }
    }
    return lines;
  }

  private static LogLine line(long t, String service, String trace, String message) {
    return new LogLine(t, service, trace, trace + service, message);
  }

  @Test
  void aLogThatStopsFollowingItsPredecessorBlamesTheServiceThatWritesThem() {
    SignalBoard board = new SignalBoard();

    new LogFlowSignals(board)
        .brokenFlows(
            requests(ALERT - 300 * SECOND, 60, false, 0.5), requests(ALERT, 60, true, 0.9));

    assertThat(board.strength("travel", Signal.FLOW_BROKEN)).isGreaterThan(8);
    assertThat(board.evidence("travel").get(0).detail())
        .contains("TravelServiceImpl#451")
        .contains("TravelServiceImpl#457");
    assertThat(board.strength("order", Signal.FLOW_BROKEN)).isZero();
  }

  @Test
  void aFlowLearntFromFewSpansBreakingInAFewIsNotCertain() {
    SignalBoard board = new SignalBoard();
    List<LogLine> window = requests(ALERT, 50, false, 0.5);
    window.addAll(requests(ALERT + 100 * SECOND, 10, true, 0.5));

    new LogFlowSignals(board).brokenFlows(requests(ALERT - 300 * SECOND, 5, false, 0.5), window);

    assertThat(board.strength("travel", Signal.FLOW_BROKEN)).isLessThan(3);
  }

  @Test
  void aSpanTakingAnotherKnownBranchDoesNotBreakTheFlow() {
    SignalBoard board = new SignalBoard();
    List<LogLine> before = new ArrayList<>();
    List<LogLine> after = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String seat = i % 20 == 0 ? "INFO s.SeatImpl#154 [newSeat]" : "INFO s.SeatImpl#139 [oldSeat]";
      before.add(
          line(ALERT - 300 * SECOND + i, "seat", "b" + i, "INFO s.SeatController#57 [left]"));
      before.add(line(ALERT - 299 * SECOND + i, "seat", "b" + i, seat));
      before.add(line(ALERT - 298 * SECOND + i, "seat", "b" + i, "INFO s.SeatImpl#139 [oldSeat]"));
      String branch =
          i % 2 == 0 ? "INFO s.SeatImpl#154 [newSeat]" : "INFO s.SeatImpl#139 [oldSeat]";
      after.add(line(ALERT + i, "seat", "a" + i, "INFO s.SeatController#57 [left]"));
      after.add(line(ALERT + 1 + i, "seat", "a" + i, branch));
    }

    new LogFlowSignals(board).brokenFlows(before, after);

    assertThat(board.strength("seat", Signal.FLOW_BROKEN)).isZero();
  }

  @Test
  void anErrorThatStopsFollowingItsPredecessorIsARecovery() {
    SignalBoard board = new SignalBoard();
    List<LogLine> failing = new ArrayList<>();
    List<LogLine> recovered = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String before = "b" + i;
      String after = "a" + i;
      failing.add(line(ALERT - 300 * SECOND + i, "basic", before, "INFO b.BasicImpl#320 [query]"));
      failing.add(
          line(ALERT - 299 * SECOND + i, "basic", before, "ERROR b.BasicImpl#415 [routes]"));
      recovered.add(line(ALERT + i, "basic", after, "INFO b.BasicImpl#320 [query]"));
      recovered.add(line(ALERT + 1 + i, "basic", after, "INFO b.BasicImpl#418 [routes]"));
    }

    new LogFlowSignals(board).brokenFlows(failing, recovered);

    assertThat(board.strength("basic", Signal.FLOW_BROKEN)).isZero();
  }

  @Test
  void linesOfOneLogCallShareATemplateWhateverTheirData() {
    String dongChe =
        "16:58:54.845 INFO  f.m.s.BasicServiceImpl#391 TraceID: 9a SpanID: e8"
            + " [queryTrainTypeByName][Query Train Type][Train Type name: DongCheOne]";

    assertThat(LogTemplates.template(dongChe))
        .isEqualTo("INFO f.m.s.BasicServiceImpl#391 [queryTrainTypeByName]")
        .isEqualTo(LogTemplates.template(dongChe.replace("DongCheOne", "ZhiDa")))
        .isNotEqualTo(LogTemplates.template(dongChe.replace("#391", "#392")));
  }

  @Test
  void aLineIsTemplatedOncePerAnalysis() {
    LogTemplates.Memo templates = new LogTemplates.Memo();
    LogLine line = line(ALERT, "travel", "t1", "INFO t.s.TravelServiceImpl#451 [getTickets]");

    String first = templates.of(line);

    assertThat(templates.of(line)).isSameAs(first).isEqualTo(LogTemplates.template(line.message()));
  }

  @Test
  void aCodeLocationIsPartOfTheTemplateButValuesAreNot() {
    assertThat(LogTemplates.template("INFO t.s.TravelServiceImpl#451 [time: 7]"))
        .isEqualTo("INFO t.s.TravelServiceImpl#451 [time: <n>]")
        .isNotEqualTo(LogTemplates.template("INFO t.s.TravelServiceImpl#457 [time: 7]"));
  }
}
