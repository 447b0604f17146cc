package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.RemediationAction;
import io.srespace.knowledge.KnowledgeGraph.ConfigRule;
import io.srespace.knowledge.Remediation;
import io.srespace.knowledge.Setting;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeValidatorTest {
  private static final String FILE = "policy-service.env";
  private static final String TEXT =
      "DB_POOL_MAX_SIZE=4\nDB_POOL_ACQUISITION_TIMEOUT=2S\nPRICING_ACCEPTANCE_LIMIT=0.7\n";
  private final ChangeValidator validator =
      new ChangeValidator(
          List.of(
              rule(FILE, "DB_POOL_MAX_SIZE", "x2", 16),
              rule(FILE, "PRICING_ACCEPTANCE_LIMIT", "0.8", null),
              rule("app.txt", "X", "x2", 10)));

  static ConfigRule rule(String file, String key, String value, Integer max) {
    return rule(
        file,
        key,
        value,
        max,
        new Setting(
            Setting.Type.DECIMAL, null, max == null ? null : BigDecimal.valueOf(max), null));
  }

  static ConfigRule rule(String file, String key, String value, Integer max, Setting setting) {
    return new ConfigRule(
        "a-service",
        file,
        new Remediation(
            RemediationAction.PULL_REQUEST,
            key,
            value,
            max == null ? null : BigDecimal.valueOf(max),
            "reviewed",
            false),
        setting);
  }

  @Test
  void aValueTheRuleWouldGiveIsStillHeldToTheKeysSetting() {
    // A rule that doubles up to 16, for a key whose setting allows at most 6: 8 is refused.
    ChangeValidator typed =
        new ChangeValidator(
            List.of(
                rule(
                    FILE,
                    "DB_POOL_MAX_SIZE",
                    "x2",
                    16,
                    new Setting(
                        Setting.Type.INTEGER, BigDecimal.ONE, BigDecimal.valueOf(6), null))));

    assertThat(typed.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "8"))
        .containsExactly("DB_POOL_MAX_SIZE=8 is above its maximum 6");
    assertThat(
            typed.checkMerge(FILE, TEXT, TEXT.replace("DB_POOL_MAX_SIZE=4", "DB_POOL_MAX_SIZE=8")))
        .containsExactly("DB_POOL_MAX_SIZE=8 is above its maximum 6");
    assertThatThrownBy(
            () ->
                new ChangeValidator(
                    List.of(
                        new ConfigRule(
                            "a-service", FILE, rule(FILE, "A", "x2", 2).remediation(), null))))
        .hasMessageContaining("no setting");
  }

  @Test
  void acceptsExactlyWhatTheKnowledgeGraphsRuleGives() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "8")).isEmpty();
    assertThat(validator.check(FILE, TEXT, "PRICING_ACCEPTANCE_LIMIT", "0.8")).isEmpty();
  }

  @Test
  void refusesAFileNoRuleNames() {
    assertThat(validator.check("docker-compose.yml", "a: 1\n", "a", "2"))
        .containsExactly(
            "docker-compose.yml is not a file Fixer may change (rules name: app.txt, policy-service.env)");
  }

  @Test
  void refusesAFileTheRepositoryDoesNotHave() {
    assertThat(validator.check(FILE, null, "DB_POOL_MAX_SIZE", "8"))
        .containsExactly("policy-service.env is not in the configuration repository");
  }

  @Test
  void refusesAFileOfNoKnownFormat() {
    assertThat(validator.check("app.txt", "X=1\n", "X", "2"))
        .containsExactly(
            "app.txt has no known format (Fixer edits .env, .properties, .yaml, .yml files)");
  }

  @Test
  void refusesAnUnparseableFile() {
    assertThat(
            validator.check(FILE, "DB_POOL_MAX_SIZE=4\nnot a setting\n", "DB_POOL_MAX_SIZE", "8"))
        .containsExactly(
            "policy-service.env cannot be parsed: line 2 is neither a comment nor KEY=value: 'not a setting'");
  }

  @Test
  void refusesAKeyNotAllowedForTheFile() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_ACQUISITION_TIMEOUT", "5S"))
        .containsExactly(
            "DB_POOL_ACQUISITION_TIMEOUT may not be changed in policy-service.env"
                + " (allowed: DB_POOL_MAX_SIZE, PRICING_ACCEPTANCE_LIMIT)");
  }

  @Test
  void refusesAnyValueButTheDoubledOne() {
    for (String forged : List.of("lots", "64", "16", "0", "-1", "0.5", "1E1", "8.0")) {
      assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", forged))
          .as(forged)
          .startsWith(
              "DB_POOL_MAX_SIZE=%s is not twice 4 capped at 16 (that is 8)".formatted(forged));
    }
  }

  @Test
  void refusesAValueOtherThanTheReviewedOne() {
    assertThat(validator.check(FILE, TEXT, "PRICING_ACCEPTANCE_LIMIT", "0.95"))
        .containsExactly("PRICING_ACCEPTANCE_LIMIT=0.95 is not the reviewed value 0.8");
  }

  @Test
  void refusesAChangeToTheValueAlreadyThere() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "4.0"))
        .containsExactly(
            "DB_POOL_MAX_SIZE is already 4.0 in policy-service.env: nothing to change");
  }

  @Test
  void beforeAMergeAcceptsExactlyOneAllowedKeyChanged() {
    assertThat(validator.checkMerge(FILE, TEXT, TEXT.replace("SIZE=4", "SIZE=8"))).isEmpty();
  }

  @Test
  void beforeAMergeRefusesTwoKeysChangedAnInvalidValueOrNoChange() {
    String two = TEXT.replace("SIZE=4", "SIZE=8").replace("=2S", "=9S");

    assertThat(validator.checkMerge(FILE, TEXT, two))
        .containsExactly(
            "the change sets 2 keys of policy-service.env (DB_POOL_MAX_SIZE,"
                + " DB_POOL_ACQUISITION_TIMEOUT); a fix sets exactly one");
    assertThat(validator.checkMerge(FILE, TEXT, TEXT.replace("SIZE=4", "SIZE=0")))
        .containsExactly("DB_POOL_MAX_SIZE=0 is not twice 4 capped at 16 (that is 8)");
    assertThat(validator.checkMerge(FILE, TEXT, TEXT))
        .containsExactly("the change leaves every key of policy-service.env as it was");
    assertThat(validator.checkMerge(FILE, TEXT, TEXT + "oops\n"))
        .containsExactly(
            "policy-service.env on the pull request's branch cannot be parsed:"
                + " line 4 is neither a comment nor KEY=value: 'oops'");
  }

  @Test
  void refusesTwoDifferentRulesForOneKey() {
    assertThatThrownBy(
            () -> new ChangeValidator(List.of(rule(FILE, "A", "x2", 1), rule(FILE, "A", "x2", 2))))
        .hasMessage("two different rules for A in policy-service.env");
  }

  @Test
  void describesARuleInWords() {
    assertThat(validator.rule(FILE, "DB_POOL_MAX_SIZE").orElseThrow().describe())
        .isEqualTo("DB_POOL_MAX_SIZE: twice the current value, at most 16");
    assertThat(validator.rule(FILE, "PRICING_ACCEPTANCE_LIMIT").orElseThrow().describe())
        .isEqualTo("PRICING_ACCEPTANCE_LIMIT: the reviewed value 0.8");
  }
}
