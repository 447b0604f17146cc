package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvFormatTest {
  private static final String FILE =
      """
      # policy-service's deployed configuration (environment variables).
      DB_POOL_MAX_SIZE=4
      DB_POOL_ACQUISITION_TIMEOUT=2S

      export JAVA_OPTS="-Xmx256m -Dgreeting=\\"hi\\""   # quoted
      GREETING='hello world'
      PRICING_ACCEPTANCE_LIMIT=0.8 # reviewed
      """;
  private final EnvFormat format = EnvFormat.INSTANCE;

  @Test
  void parsesKeysInOrderWithQuotesAndInlineCommentsRemoved() {
    assertThat(format.parse(FILE))
        .containsExactly(
            entry("DB_POOL_MAX_SIZE", "4"),
            entry("DB_POOL_ACQUISITION_TIMEOUT", "2S"),
            entry("JAVA_OPTS", "-Xmx256m -Dgreeting=\"hi\""),
            entry("GREETING", "hello world"),
            entry("PRICING_ACCEPTANCE_LIMIT", "0.8"));
  }

  @Test
  void changesOneLineAndKeepsCommentsBlankLinesAndOrder() {
    String edited = format.set(FILE, "DB_POOL_MAX_SIZE", "8");

    assertThat(edited).isEqualTo(FILE.replace("DB_POOL_MAX_SIZE=4", "DB_POOL_MAX_SIZE=8"));
  }

  @Test
  void keepsAnInlineCommentAfterTheNewValue() {
    String edited = format.set(FILE, "PRICING_ACCEPTANCE_LIMIT", "0.75");

    assertThat(edited).contains("PRICING_ACCEPTANCE_LIMIT=0.75 # reviewed\n");
  }

  @Test
  void writesAValueWithSpacesAndQuotesSoItReadsBackExactly() {
    String value = "say \"it's\" twice";

    String edited = format.set(FILE, "GREETING", value);

    assertThat(edited).contains("GREETING=\"say \\\"it's\\\" twice\"\n");
    assertThat(format.parse(edited)).containsEntry("GREETING", value);
  }

  @Test
  void keepsTheQuoteStyleOfAQuotedValue() {
    String edited = format.set(FILE, "JAVA_OPTS", "-Xmx512m");

    assertThat(edited).contains("export JAVA_OPTS=\"-Xmx512m\"   # quoted\n");
  }

  @Test
  void quotesAValueThatWouldOtherwiseReadAsAComment() {
    String edited = format.set(FILE, "DB_POOL_ACQUISITION_TIMEOUT", "5S #not a comment");

    assertThat(edited).contains("DB_POOL_ACQUISITION_TIMEOUT='5S #not a comment'\n");
    assertThat(format.parse(edited))
        .containsEntry("DB_POOL_ACQUISITION_TIMEOUT", "5S #not a comment");
  }

  @Test
  void appendsAKeyThatIsNotThereAsItsOwnLine() {
    String edited = format.set("A=1", "B", "2");

    assertThat(edited).isEqualTo("A=1\nB=2\n");
  }

  @Test
  void keepsWindowsLineEndings() {
    String edited = format.set("A=1\r\nB=2\r\n", "A", "3");

    assertThat(edited).isEqualTo("A=3\r\nB=2\r\n");
  }

  @Test
  void refusesAFileWithALineThatIsNotKeyEqualsValue() {
    assertThatThrownBy(() -> format.set("A=1\nthis is not a setting\n", "A", "2"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("this is not a setting");
  }

  @Test
  void refusesAFileThatSetsAKeyTwice() {
    assertThatThrownBy(() -> format.parse("A=1\nB=2\nA=3\n"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage("A is set twice, on lines 1 and 3");
  }

  @Test
  void writesALineBreakInAValueAsAnEscapeNotAsANewLine() {
    String edited = format.set("A=1\nB=2\n", "A", "1\nB=3");

    assertThat(edited).isEqualTo("A=\"1\\nB=3\"\nB=2\n");
    assertThat(format.parse(edited)).containsEntry("A", "1\nB=3").containsEntry("B", "2");
  }

  @Test
  void refusesAnEditThatWouldChangeAnotherKey() {
    assertThatThrownBy(() -> SingleKeyEdit.checked(format, "A=1\nB=2\n", "A=5\nB=3\n", "A", "5"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage("setting A would also change B");
  }

  @Test
  void refusesAnEditThatWouldReadBackAsAnotherValue() {
    assertThatThrownBy(() -> SingleKeyEdit.checked(format, "A=1\n", "A=5 # x\n", "A", "5 # x"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("reads back as '5'");
  }

  @Test
  void refusesANameThatIsNotAnEnvironmentVariable() {
    assertThatThrownBy(() -> format.set("A=1\n", "NOT A NAME", "1"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("not an environment variable name");
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
