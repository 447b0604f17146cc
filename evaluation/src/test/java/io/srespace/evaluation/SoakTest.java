package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakTest {
  @TempDir Path folder;

  private static final List<Soak.Sample> SAMPLES =
      List.of(
          new Soak.Sample(2.0, "scout", 150),
          new Soak.Sample(10.2, "scout", 190),
          new Soak.Sample(10.7, "scout", 210),
          new Soak.Sample(30.0, "scout", 230),
          new Soak.Sample(50.0, "scout", 220),
          new Soak.Sample(10.5, "brain", 300),
          new Soak.Sample(2.0, "fixer", 100));

  @Test
  void growthIsTheHighestLaterSampleOverTheReferenceMinutesMean() {
    Map<String, Double> growth = Soak.growth(SAMPLES, 10);
    assertThat(growth.get("scout")).isCloseTo(230.0 / 200 - 1, within(1e-9));
    assertThat(growth.get("brain")).as("nothing after the reference minute").isNaN();
    assertThat(growth.get("fixer")).as("nothing in the reference minute").isNaN();
  }

  @Test
  void theSamplesArePlottedAsAPngAndWrittenAsCsv() throws Exception {
    Path png = folder.resolve("soak.png");
    Path csv = folder.resolve("soak.csv");
    Soak.plot(SAMPLES, png, "test soak");
    Soak.writeCsv(SAMPLES, csv);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(image.getHeight()).isEqualTo(540);
    assertThat(Files.readAllLines(csv))
        .hasSize(SAMPLES.size() + 1)
        .startsWith("minute,agent,rss_mib", "2.00,scout,150.0");
  }

  @Test
  void readsAProcesssResidentMemory() {
    assertThat(Soak.rssMib(ProcessHandle.current().pid()))
        .get()
        .satisfies(mib -> assertThat(mib).isGreaterThan(10));
    assertThat(Soak.rssMib(Long.MAX_VALUE)).isEmpty();
  }
}
