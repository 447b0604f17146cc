package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
              new ChangeRule(FILE, "DB_POOL_MAX_SIZE", BigDecimal.ONE, new BigDecimal(16), null),
              ChangeRule.oneOf(FILE, "PRICING_ACCEPTANCE_LIMIT", List.of("0.8")),
              ChangeRule.atMost("app.txt", "X", BigDecimal.TEN)));

  @Test
  void acceptsAnAllowedKeyWithAValueInRange() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "8")).isEmpty();
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "16")).isEmpty();
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
  void refusesAValueThatIsNotANumberWhenBoundsAreGiven() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "lots"))
        .containsExactly("DB_POOL_MAX_SIZE must be a number, not 'lots'");
  }

  @Test
  void refusesAValueAboveTheMaximumOrBelowTheMinimum() {
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "64"))
        .containsExactly("DB_POOL_MAX_SIZE=64 is above the maximum 16");
    assertThat(validator.check(FILE, TEXT, "DB_POOL_MAX_SIZE", "0"))
        .containsExactly("DB_POOL_MAX_SIZE=0 is below the minimum 1");
  }

  @Test
  void refusesAValueNotAmongTheAllowedValues() {
    assertThat(validator.check(FILE, TEXT, "PRICING_ACCEPTANCE_LIMIT", "0.95"))
        .containsExactly("PRICING_ACCEPTANCE_LIMIT=0.95 is not one of the allowed values [0.8]");
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
    assertThat(validator.checkMerge(FILE, TEXT, TEXT.replace("SIZE=4", "SIZE=64")))
        .containsExactly("DB_POOL_MAX_SIZE=64 is above the maximum 16");
    assertThat(validator.checkMerge(FILE, TEXT, TEXT))
        .containsExactly("the change leaves every key of policy-service.env as it was");
    assertThat(validator.checkMerge(FILE, TEXT, TEXT + "oops\n"))
        .containsExactly(
            "policy-service.env on the pull request's branch cannot be parsed:"
                + " line 4 is neither a comment nor KEY=value: 'oops'");
  }

  @Test
  void refusesTwoRulesForOneKeyAndBoundsTheWrongWayRound() {
    ChangeRule rule = ChangeRule.atMost(FILE, "A", BigDecimal.ONE);
    assertThatThrownBy(() -> new ChangeValidator(List.of(rule, rule)))
        .hasMessage("two rules for A in policy-service.env");
    assertThatThrownBy(() -> new ChangeRule(FILE, "A", BigDecimal.TEN, BigDecimal.ONE, null))
        .hasMessage("A in policy-service.env: min 10 is above max 1");
  }

  @Test
  void describesARuleInWords() {
    assertThat(validator.rule(FILE, "DB_POOL_MAX_SIZE").orElseThrow().describe())
        .isEqualTo("DB_POOL_MAX_SIZE in policy-service.env: a number from 1 to 16");
    assertThat(validator.rule(FILE, "PRICING_ACCEPTANCE_LIMIT").orElseThrow().describe())
        .isEqualTo("PRICING_ACCEPTANCE_LIMIT in policy-service.env: one of [0.8]");
  }
}
