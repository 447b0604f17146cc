package io.srespace.brain.core.nezha;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NezhaCaseLoaderTest {

  private static long nanos(String clock) {
    return LocalDateTime.parse("2023-01-29T" + clock).toEpochSecond(ZoneOffset.UTC)
        * 1_000_000_000L;
  }

  private static String span(String id, String clock) {
    long start = nanos(clock);
    return "t%s,%s,root,ts-a-service-5c66d57d58-6mp2b,GET,%d,%d,1000"
        .formatted(id, id, start, start + 1_000_000);
  }

  @Test
  void metricsLookHalfAnHourBackWithoutCuttingEarlierLabels(@TempDir Path data) throws IOException {
    Path metric = Files.createDirectories(data.resolve("rca/2023-01-29/metric"));
    Files.writeString(
        metric.getParent().resolve("fault_list.json"),
        """
        {"10": [
          {"inject_time": "2023-01-29 10:00:00", "inject_pod": "ts-a-service-5c66d57d58-6mp2b",
           "inject_type": "exception"},
          {"inject_time": "2023-01-29 10:20:00", "inject_pod": "ts-a-service-5c66d57d58-6mp2b",
           "inject_type": "return"}
        ]}
        """);
    StringBuilder csv = new StringBuilder("Time,TimeStamp,PodName,CpuUsageRate(%)\n");
    for (String clock :
        List.of("09:49:09", "09:51:09", "10:02:09", "10:10:09", "10:19:30", "10:21:09")) {
      csv.append(
          "2023-01-29 %s.5 +0000 UTC,0,ts-a-service-5c66d57d58-6mp2b,1.5\n".formatted(clock));
    }
    gzip(metric.resolve("ts-a-service-5c66d57d58-6mp2b_metric.csv.gz"), csv.toString());
    NezhaDay nezhaDay = NezhaDay.discover(data).get(0);

    Case second = new NezhaCaseLoader(nezhaDay).load(nezhaDay.faults.get(1));

    assertThat(second.baseline().metrics().get(0).timesNanos())
        .containsExactly(nanos("09:51:09"), nanos("10:02:09"), nanos("10:10:09"));
    assertThat(second.window().metrics().get(0).timesNanos()).containsExactly(nanos("10:21:09"));
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theBaselineReadsNoOtherLabelsAndSkipsTheMinuteBeforeItsOwnAlert(@TempDir Path data)
      throws IOException {
    Path day = Files.createDirectories(data.resolve("rca/2023-01-29/trace"));
    Files.writeString(
        day.getParent().resolve("fault_list.json"),
        """
        {"10": [
          {"inject_time": "2023-01-29 10:00:00", "inject_pod": "ts-a-service-5c66d57d58-6mp2b",
           "inject_type": "exception"},
          {"inject_time": "2023-01-29 10:07:00", "inject_pod": "ts-b-service-5c66d57d58-6mp2b",
           "inject_type": "return"},
          {"inject_time": "2023-01-29 10:25:00", "inject_pod": "ts-b-service-5c66d57d58-6mp2b",
           "inject_type": "return"}
        ]}
        """);
    String csv =
        String.join(
            "\n",
            "TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration",
            span("before", "09:59:30"),
            span("earlier-incident", "10:01:00"),
            span("recovered", "10:05:10"),
            span("a-minute-early", "10:06:30"),
            span("window", "10:07:30"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(day.resolve("10_00_trace.csv.gz")))) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    NezhaDay nezhaDay = NezhaDay.discover(data).get(0);

    Case second = new NezhaCaseLoader(nezhaDay).load(nezhaDay.faults.get(1));

    List<String> baseline = second.baseline().spans().stream().map(Span::spanId).toList();
    assertThat(baseline).containsExactlyInAnyOrder("before", "earlier-incident", "recovered");
    assertThat(second.window().spans()).extracting(Span::spanId).containsExactly("window");
    assertThat(second.notes()).isEmpty();

    Case third = new NezhaCaseLoader(nezhaDay).load(nezhaDay.faults.get(2));

    assertThat(third.baseline().spans()).extracting(Span::spanId).contains("before", "window");
    assertThat(third.notes())
        .singleElement()
        .asString()
        .contains("no spans in the 10 minutes before the alert")
        .contains("last stretch with spans");
  }
}
