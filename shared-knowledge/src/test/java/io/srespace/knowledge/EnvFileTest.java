package io.srespace.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @TempDir Path dir;

  @Test
  void writesKeysInPlaceKeepingCommentsAndOrderAndAppendsNewOnes() throws IOException {
    Path file = dir.resolve("policy-service.env");
    Files.writeString(file, "# pool\nDB_POOL_MAX_SIZE=4 # reviewed\nLIMIT='0.8'\n");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("LIMIT", "0.00");
    values.put("NEW", "a b");

    EnvFile.write(file, values);

    assertThat(Files.readString(file))
        .isEqualTo("# pool\nDB_POOL_MAX_SIZE=4 # reviewed\nLIMIT='0.00'\nNEW='a b'\n");
    assertThat(EnvFile.read(file, "NEW")).contains("a b");
    assertThat(EnvFile.read(file, "MISSING")).isEmpty();
    assertThat(EnvFile.read(dir.resolve("none.env"), "NEW")).isEmpty();
  }

  @Test
  void createsAMissingFile() throws IOException {
    Path file = dir.resolve("sub").resolve("new.env");

    EnvFile.write(file, Map.of("A", "1"));

    assertThat(Files.readString(file)).isEqualTo("A=1\n");
  }

  @Test
  void aKeySetTwiceOrALineThatIsNoSettingIsInvalid() {
    assertThatThrownBy(() -> EnvFile.parse("A=1\nA=2\n"))
        .isInstanceOf(EnvFile.Invalid.class)
        .hasMessage("A is set twice, on lines 1 and 2");
    assertThatThrownBy(() -> EnvFile.parse("A=1\nnot a setting\n"))
        .hasMessageContaining("line 2 is neither a comment nor KEY=value");
    assertThatThrownBy(() -> EnvFile.set("A=1\n", "1BAD", "x"))
        .hasMessageContaining("not an environment variable name");
  }
}
