package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesFormatTest {
  private static final String FILE =
      """
      # Pool settings
      ! reviewed by team-policies
      quarkus.datasource.jdbc.max-size = 4
      greeting: hello \\
          world
      path=C:\\\\data
      pricing.acceptance-limit=0.8
      """;
  private final PropertiesFormat format = PropertiesFormat.INSTANCE;

  @Test
  void parsesKeysInOrderAsJavaReadsThem() {
    assertThat(format.parse(FILE))
        .containsExactly(
            Map.entry("quarkus.datasource.jdbc.max-size", "4"),
            Map.entry("greeting", "hello world"),
            Map.entry("path", "C:\\data"),
            Map.entry("pricing.acceptance-limit", "0.8"));
  }

  @Test
  void changesOneEntryAndKeepsCommentsOrderAndItsSeparator() {
    String edited = format.set(FILE, "quarkus.datasource.jdbc.max-size", "8");

    assertThat(edited)
        .isEqualTo(
            FILE.replace(
                "quarkus.datasource.jdbc.max-size = 4", "quarkus.datasource.jdbc.max-size = 8"));
  }

  @Test
  void rewritesAContinuedEntryOnOneLine() {
    String edited = format.set(FILE, "greeting", "hi");

    assertThat(edited).contains("greeting: hi\npath=").doesNotContain("world");
  }

  @Test
  void escapesBackslashesLeadingSpacesAndLineBreaks() {
    String value = "  C:\\new\nline";

    String edited = format.set(FILE, "path", value);

    assertThat(edited).contains("path=\\  C:\\\\new\\nline\n");
    assertThat(format.parse(edited)).containsEntry("path", value);
  }

  @Test
  void appendsAKeyThatIsNotThere() {
    String edited = format.set("a=1", "b c", "x=y");

    assertThat(edited).isEqualTo("a=1\nb\\ c=x=y\n");
    assertThat(format.parse(edited)).containsEntry("b c", "x=y");
  }

  @Test
  void refusesAnEditThatWouldChangeAnotherKey() {
    assertThatThrownBy(() -> SingleKeyEdit.checked(format, "a=1\nb=2\n", "a=3\n", "a", "3"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage("setting a would also change b");
  }

  @Test
  void refusesAFileWithABrokenUnicodeEscape() {
    assertThatThrownBy(() -> format.set("a=\\uZZZZ\n", "a", "1"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("line 1 does not parse");
  }

  @Test
  void refusesAFileThatSetsAKeyTwice() {
    assertThatThrownBy(() -> format.parse("a=1\na = 2\n"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage("a is set twice, on lines 1 and 2");
  }
}
