package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlFormatTest {
  private static final String COMPOSE =
      """
      services:
        policy-service:
          image: local/policy-service
          environment:
            DB_POOL_MAX_SIZE: 4
            PRICING_ACCEPTANCE_LIMIT: "0.8"
            FEATURE_ON: true
          ports:
            - "8081:8081"
      quarkus.datasource.jdbc.max-size: 4
      """;
  private final YamlFormat format = YamlFormat.INSTANCE;

  @Test
  void parsesNestedKeysAsDottedPaths() {
    assertThat(format.parse(COMPOSE))
        .containsExactly(
            Map.entry("services.policy-service.image", "local/policy-service"),
            Map.entry("services.policy-service.environment.DB_POOL_MAX_SIZE", "4"),
            Map.entry("services.policy-service.environment.PRICING_ACCEPTANCE_LIMIT", "0.8"),
            Map.entry("services.policy-service.environment.FEATURE_ON", "true"),
            Map.entry("services.policy-service.ports[0]", "8081:8081"),
            Map.entry("quarkus.datasource.jdbc.max-size", "4"));
  }

  @Test
  void changesANestedKeyAndKeepsEveryOtherValueAndItsType() {
    String edited =
        format.set(COMPOSE, "services.policy-service.environment.DB_POOL_MAX_SIZE", "8");

    assertThat(format.parse(edited))
        .containsExactlyEntriesOf(
            withValue(
                format.parse(COMPOSE),
                "services.policy-service.environment.DB_POOL_MAX_SIZE",
                "8"));
    assertThat(edited)
        .contains("DB_POOL_MAX_SIZE: 8\n")
        .contains("PRICING_ACCEPTANCE_LIMIT: \"0.8\"")
        .contains("FEATURE_ON: true");
  }

  @Test
  void keepsAQuotedStringAString() {
    String edited =
        format.set(COMPOSE, "services.policy-service.environment.PRICING_ACCEPTANCE_LIMIT", "0.75");

    assertThat(edited).contains("PRICING_ACCEPTANCE_LIMIT: \"0.75\"");
  }

  @Test
  void keepsATextValueThatLooksLikeABooleanOrNullText() {
    for (String value : new String[] {"true", "yes", "on", "null", "~", "8"}) {
      String edited = format.set(COMPOSE, "services.policy-service.image", value);

      assertThat(format.parse(edited)).containsEntry("services.policy-service.image", value);
      assertThat(edited).doesNotContain("image: " + value + "\n");
    }
  }

  @Test
  void setsAKeyWhoseMappingKeyHoldsDots() {
    String edited = format.set(COMPOSE, "quarkus.datasource.jdbc.max-size", "16");

    assertThat(edited).contains("quarkus.datasource.jdbc.max-size: 16").doesNotContain("quarkus:");
  }

  @Test
  void addsAMissingKeyAsNestedMappingsNotAsText() {
    String edited = format.set(COMPOSE, "services.policy-service.deploy.replicas", "2");

    assertThat(format.parse(edited)).containsEntry("services.policy-service.deploy.replicas", "2");
    assertThat(edited).endsWith("quarkus.datasource.jdbc.max-size: 4\n");
  }

  @Test
  void writesAValueThatLooksLikeYamlAsAPlainString() {
    String value = "x\nservices: {evil: true}";

    String edited = format.set(COMPOSE, "services.policy-service.image", value);

    assertThat(format.parse(edited))
        .containsEntry("services.policy-service.image", value)
        .doesNotContainKey("services.evil");
  }

  @Test
  void refusesToSetAMappingOrAList() {
    assertThatThrownBy(() -> format.set(COMPOSE, "services.policy-service.ports", "x"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage("services.policy-service.ports is a list, not a value");
  }

  @Test
  void refusesAPathThroughAValue() {
    assertThatThrownBy(() -> format.set(COMPOSE, "services.policy-service.image.tag", "2"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("services.policy-service.image is a value, not a mapping");
  }

  @Test
  void refusesAnEditThatWouldChangeAnotherKey() {
    String other = COMPOSE.replace("FEATURE_ON: true", "FEATURE_ON: false");
    String edited = other.replace("DB_POOL_MAX_SIZE: 4", "DB_POOL_MAX_SIZE: 8");

    assertThatThrownBy(
            () ->
                SingleKeyEdit.checked(
                    format,
                    COMPOSE,
                    edited,
                    "services.policy-service.environment.DB_POOL_MAX_SIZE",
                    "8"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessage(
            "setting services.policy-service.environment.DB_POOL_MAX_SIZE would also change"
                + " services.policy-service.environment.FEATURE_ON");
  }

  @Test
  void refusesTextAppendedIntoTheStructure() {
    String appended = COMPOSE + "DB_POOL_MAX_SIZE=8\n";

    assertThatThrownBy(() -> SingleKeyEdit.checked(format, COMPOSE, appended, "X", "8"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("unparseable");
  }

  @Test
  void refusesUnparseableYamlAndSeveralDocuments() {
    assertThatThrownBy(() -> format.parse("a: [1, 2\n"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageStartingWith("not valid YAML");
    assertThatThrownBy(() -> format.parse("a: 1\n---\nb: 2\n"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("2 YAML documents");
    assertThatThrownBy(() -> format.parse("a: 1\na: 2\n"))
        .isInstanceOf(ConfigFormatException.class)
        .hasMessageContaining("not valid YAML");
  }

  private static Map<String, String> withValue(
      Map<String, String> values, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(values);
    copy.put(key, value);
    return copy;
  }
}
