package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentFileTest {
  @TempDir Path folder;

  @Test
  void replacesNamedKeysWhereTheyStandAndKeepsEverythingElse() throws IOException {
    Path file = folder.resolve("svc.env");
    Files.writeString(file, "# tuned by hand\nexport POOL=10\nMODE=fast\nPOOL=11\n\nREGION=eu\n");

    EnvironmentFile.merge(file, Map.of("POOL", "20", "TIMEOUT_MS", "500", "MODE", "safe"));

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "# tuned by hand", "POOL=20", "MODE=safe", "", "REGION=eu", "TIMEOUT_MS=500");
  }

  @Test
  void createsTheFileAndItsFolder() throws IOException {
    Path file = folder.resolve("env/new/svc.env");

    EnvironmentFile.merge(file, Map.of("B", "2", "A", "1"));

    assertThat(Files.readAllLines(file)).containsExactly("A=1", "B=2");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void valuesReadBackAsBashSeesThem() throws Exception {
    Path file = folder.resolve("svc.env");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("PLAIN", "http://127.0.0.1:8080/a,b");
    values.put("SPACES", "two  words");
    values.put("QUOTES", "it's \"quoted\"");
    values.put("SHELL", "$HOME `id` $(id) \\n ; & | *");
    values.put("EMPTY", "");
    values.put("UNICODE", "naïve ☃");
    EnvironmentFile.merge(file, values);

    assertThat(EnvironmentFile.read(file)).isEqualTo(values);
    for (Map.Entry<String, String> value : values.entrySet()) {
      assertThat(bash(file, value.getKey())).as(value.getKey()).isEqualTo(value.getValue());
    }
  }

  @Test
  void readsDoubleQuotedAndExportedValuesWrittenByHand() throws IOException {
    Path file = folder.resolve("svc.env");
    Files.writeString(file, "export A=\"x \\\"y\\\" \\$z\"\nB=plain # comment\nC='single'\n");

    assertThat(EnvironmentFile.read(file))
        .containsExactly(
            Map.entry("A", "x \"y\" $z"), Map.entry("B", "plain"), Map.entry("C", "single"));
  }

  @Test
  void refusesNamesAShellCannotExportAndValuesWithLineBreaks() throws IOException {
    Path file = folder.resolve("svc.env");
    Files.writeString(file, "KEEP=1\n");

    assertThatThrownBy(() -> EnvironmentFile.merge(file, Map.of("1ABC", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'1ABC' is not an environment variable name a shell can export");
    assertThatThrownBy(() -> EnvironmentFile.merge(file, Map.of("A", "x\ny")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of environment variable A has a line break or NUL");
    assertThat(Files.readString(file)).isEqualTo("KEEP=1\n");
  }

  private static String bash(Path file, String name) throws Exception {
    Process bash =
        new ProcessBuilder(
                "bash", "-c", "set -a; . \"$0\"; printf %s \"${!1}\"", file.toString(), name)
            .redirectErrorStream(true)
            .start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).isZero();
    return out;
  }
}
