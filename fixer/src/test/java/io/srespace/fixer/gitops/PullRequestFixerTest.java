package io.srespace.fixer.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.board.BoardException;
import io.srespace.board.Branch;
import io.srespace.board.PullRequest;
import io.srespace.board.local.LocalGitCodeHost;
import io.srespace.events.ConfigChange;
import io.srespace.fixer.gitops.FixResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRequestFixerTest {
  private static final String FILE = "policy-service.env";
  private static final String SEED =
      """
      # policy-service's deployed configuration (environment variables).
      DB_POOL_MAX_SIZE=4
      DB_POOL_ACQUISITION_TIMEOUT=2S
      PRICING_ACCEPTANCE_LIMIT=0.8
      PRICING_RISK_LOADING=1.5
      """;
  private static final String POOL = "DB_POOL_MAX_SIZE";

  /** A key that doubles far below its cap, for tests of many merges in a row. */
  private static final String COUNTER_FILE = "counter.env";

  private int counter = 1;
  private static final String WHY = "the database pool runs dry under normal load";

  @TempDir Path directory;
  private LocalGitCodeHost host;
  private PullRequestFixer fixer;
  private ChangeValidator validator;
  private ConfigRepository repository;

  @BeforeEach
  void seedRepository() throws Exception {
    Path seed = Files.createDirectories(directory.resolve("seed"));
    Files.writeString(seed.resolve(FILE), SEED);
    Files.writeString(seed.resolve("user-service.env"), "USER_CACHE_SIZE=100\n");
    Files.writeString(seed.resolve(COUNTER_FILE), "N=1\n");
    Files.writeString(seed.resolve("broken.env"), "DB_POOL_MAX_SIZE=4\nthis is not a setting\n");
    host = LocalGitCodeHost.open(directory.resolve("gitops.git"), "fixer");
    repository = new ConfigRepository(host);
    repository.seedIfEmpty(seed);
    validator =
        new ChangeValidator(
            List.of(
                ChangeValidatorTest.rule(FILE, POOL, "x2", 16),
                ChangeValidatorTest.rule(FILE, "PRICING_ACCEPTANCE_LIMIT", "0.8", null),
                ChangeValidatorTest.rule(FILE, "PRICING_RISK_LOADING", "x2", 3),
                ChangeValidatorTest.rule("user-service.env", "USER_CACHE_SIZE", "x2", 1000),
                ChangeValidatorTest.rule("broken.env", POOL, "x2", 16),
                ChangeValidatorTest.rule(COUNTER_FILE, "N", "x2", 1 << 20)));
    fixer = new PullRequestFixer(repository, validator);
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  @Test
  void proposesAValidChangeLinkedToItsIssueAndMergesExactlyThatLine() {
    FixResult proposed = fixer.propose("INC-1", 7, "policy-service", pool("4", "8"), WHY);

    assertThat(proposed.outcome()).isEqualTo(Outcome.PROPOSED);
    assertThat(proposed.branch()).isEqualTo("sre/fix-INC-1");
    assertThat(proposed.change()).isEqualTo(pool("4", "8"));
    PullRequest pull = host.pullRequest(proposed.pullRequest());
    assertThat(pull.title()).isEqualTo("sre: policy-service DB_POOL_MAX_SIZE 4→8 (INC-1)");
    assertThat(pull.linkedIssue()).isEqualTo(7);
    assertThat(pull.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(body(pull))
        .contains(WHY)
        .contains("## Validation passed")
        .contains("DB_POOL_MAX_SIZE: twice the current value, at most 16")
        .contains("```diff\n-DB_POOL_MAX_SIZE=4\n+DB_POOL_MAX_SIZE=8\n```");
    assertThat(host.read(host.defaultBranch(), FILE)).contains(SEED);

    FixResult merged = fixer.merge(proposed.pullRequest());

    assertThat(merged.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(merged.commit()).matches("[0-9a-f]{40}");
    assertThat(merged.change()).isEqualTo(pool("4", "8"));
    assertThat(merged.environment())
        .containsExactly(
            Map.entry(POOL, "8"),
            Map.entry("DB_POOL_ACQUISITION_TIMEOUT", "2S"),
            Map.entry("PRICING_ACCEPTANCE_LIMIT", "0.8"),
            Map.entry("PRICING_RISK_LOADING", "1.5"));
    assertThat(onMain()).isEqualTo(SEED.replace("DB_POOL_MAX_SIZE=4", "DB_POOL_MAX_SIZE=8"));
    assertThat(changedLines(SEED, onMain())).containsExactly("DB_POOL_MAX_SIZE=8");
    assertThat(host.pullRequest(proposed.pullRequest()).mergeCommit()).isEqualTo(merged.commit());
  }

  @Test
  void refusesAKeyThatIsNotAllowedAndLeavesNothingBehind() {
    FixResult result =
        fixer.propose(
            "INC-2", 7, "policy-service", change("DB_POOL_ACQUISITION_TIMEOUT", "2S", "5S"), WHY);

    assertRefusedWithNothingBehind(result, "DB_POOL_ACQUISITION_TIMEOUT may not be changed");
  }

  @Test
  void refusesAValueTheRuleDoesNotGiveAndLeavesNothingBehind() {
    FixResult result = fixer.propose("INC-3", 7, "policy-service", pool("4", "64"), WHY);

    assertRefusedWithNothingBehind(
        result, "DB_POOL_MAX_SIZE=64 is not twice 4 capped at 16 (that is 8)");
  }

  @Test
  void refusesAChangeToAnUnparseableFileAndLeavesNothingBehind() {
    FixResult result =
        fixer.propose(
            "INC-4", 7, "policy-service", new ConfigChange("broken.env", POOL, "4", "8"), WHY);

    assertRefusedWithNothingBehind(
        result, "broken.env cannot be parsed: line 2 is neither a comment nor KEY=value");
  }

  @Test
  void revertsAMergedChangeThatFailedVerificationSoTheFileIsAsBefore() {
    int fix = fixer.propose("INC-5", 7, "policy-service", pool("4", "8"), WHY).pullRequest();
    fixer.merge(fix);

    FixResult reverted = fixer.revert(fix, "recovery not verified within 120 s");

    assertThat(reverted.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(reverted.pullRequest()).isNotEqualTo(fix);
    assertThat(reverted.branch()).isEqualTo("sre/fix-INC-5-revert");
    assertThat(reverted.commit()).matches("[0-9a-f]{40}");
    assertThat(reverted.change()).isEqualTo(pool("8", "4"));
    assertThat(reverted.environment()).containsEntry(POOL, "4");
    assertThat(onMain()).isEqualTo(SEED);
    PullRequest revert = host.pullRequest(reverted.pullRequest());
    assertThat(revert.state()).isEqualTo(PullRequest.State.MERGED);
    assertThat(revert.linkedIssue()).isEqualTo(7);
    assertThat(fixer.revert(fix, "again").outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void proposingTheSameIncidentTwiceOpensNoSecondPullRequest() {
    FixResult first = fixer.propose("INC-6", 7, "policy-service", pool("4", "8"), WHY);

    FixResult second = fixer.propose("INC-6", 7, "policy-service", pool("4", "8"), WHY);
    FixResult afterRestart =
        new PullRequestFixer(repository, validator)
            .propose("INC-6", 7, "policy-service", pool("4", "8"), WHY);

    assertThat(second.outcome()).isEqualTo(Outcome.ALREADY_PROPOSED);
    assertThat(second.pullRequest()).isEqualTo(first.pullRequest());
    assertThat(afterRestart.outcome()).isEqualTo(Outcome.ALREADY_PROPOSED);
    assertThat(afterRestart.reasons().get(0)).contains("sre/fix-INC-6 already exists");
    assertThatThrownBy(() -> host.pullRequest(first.pullRequest() + 1))
        .isInstanceOf(BoardException.class);
  }

  @Test
  void startsFromTheRepositoryValueWhenTheRequestSaysOtherwise() {
    FixResult proposed = fixer.propose("INC-7", 7, "policy-service", pool("2", "8"), WHY);

    assertThat(proposed.change()).isEqualTo(pool("4", "8"));
    assertThat(proposed.reasons())
        .containsExactly(
            "the request said DB_POOL_MAX_SIZE was 2; the repository has 4, so the change starts"
                + " from there");
    assertThat(body(host.pullRequest(proposed.pullRequest())))
        .contains("The request said `DB_POOL_MAX_SIZE` was `2`; the repository has `4`");
  }

  @Test
  void refusesToMergeABranchChangedSinceTheProposalAndClosesIt() {
    FixResult proposed = fixer.propose("INC-8", 7, "policy-service", pool("4", "8"), WHY);
    host.commit(proposed.branch(), "More", Map.of(FILE, SEED.replace("=4", "=64")));

    FixResult merge = fixer.merge(proposed.pullRequest());

    assertThat(merge.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(merge.reasons())
        .containsExactly(
            "policy-service.env on the pull request's branch is no longer what was proposed",
            "DB_POOL_MAX_SIZE=64 is not twice 4 capped at 16 (that is 8)",
            "DB_POOL_MAX_SIZE=64 is above its maximum 16",
            "pull request #%d is closed unmerged".formatted(proposed.pullRequest()));
    assertThat(host.pullRequest(proposed.pullRequest()).state())
        .isEqualTo(PullRequest.State.CLOSED);
    assertThat(onMain()).isEqualTo(SEED);
  }

  @Test
  void refusesToMergeABranchThatChangesTwoKeys() {
    FixResult proposed = fixer.propose("INC-9", 7, "policy-service", pool("4", "8"), WHY);
    host.commit(
        proposed.branch(),
        "More",
        Map.of(FILE, SEED.replace("=4", "=8").replace("LOADING=1.5", "LOADING=3")));

    FixResult merge = fixer.merge(proposed.pullRequest());

    assertThat(merge.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(merge.reasons())
        .contains(
            "the change sets 2 keys of policy-service.env (DB_POOL_MAX_SIZE,"
                + " PRICING_RISK_LOADING); a fix sets exactly one");
    assertThat(onMain()).isEqualTo(SEED);
  }

  @Test
  void refusesToMergeABranchThatAlsoChangesAnotherFile() {
    FixResult proposed = fixer.propose("INC-10", 7, "policy-service", pool("4", "8"), WHY);
    host.commit(proposed.branch(), "More", Map.of("user-service.env", "USER_CACHE_SIZE=1\n"));

    FixResult merge = fixer.merge(proposed.pullRequest());

    assertThat(merge.reasons())
        .startsWith(
            "the pull request's branch changes user-service.env too; a fix changes one file");
    assertThat(host.read(host.defaultBranch(), "user-service.env"))
        .contains("USER_CACHE_SIZE=100\n");
  }

  @Test
  void mergesAfterOtherFixesChangedAnotherFileAndAnotherLineOfTheSameFile() {
    FixResult loading =
        fixer.propose(
            "INC-11", 7, "policy-service", change("PRICING_RISK_LOADING", "1.5", "3"), WHY);
    FixResult cache =
        fixer.propose(
            "INC-12",
            8,
            "user-service",
            new ConfigChange("user-service.env", "USER_CACHE_SIZE", "100", "200"),
            WHY);
    fixer.merge(fixer.propose("INC-13", 1, "policy-service", pool(null, "8"), WHY).pullRequest());
    fixer.merge(cache.pullRequest());

    FixResult merged = fixer.merge(loading.pullRequest());

    assertThat(merged.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(merged.change()).isEqualTo(change("PRICING_RISK_LOADING", "1.5", "3"));
    assertThat(onMain())
        .isEqualTo(SEED.replace("SIZE=4", "SIZE=8").replace("LOADING=1.5", "LOADING=3"));
    assertThat(host.read(host.defaultBranch(), "user-service.env"))
        .contains("USER_CACHE_SIZE=200\n");
  }

  @Test
  void mergesAPullRequestProposedBeforeARestartByComparingItsBranch() {
    FixResult proposed = fixer.propose("INC-14", 7, "policy-service", pool("4", "8"), WHY);

    FixResult merged = new PullRequestFixer(repository, validator).merge(proposed.pullRequest());

    assertThat(merged.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(merged.change()).isEqualTo(pool("4", "8"));
    assertThat(onMain()).isEqualTo(SEED.replace("SIZE=4", "SIZE=8"));
  }

  @Test
  void keepsTheNewestFiveOfSevenFixBranches() {
    for (int i = 1; i <= 7; i++) {
      proposeAndMerge("INC-" + i);
    }

    List<String> deleted = fixer.pruneBranches();

    assertThat(deleted).containsExactlyInAnyOrder("sre/fix-INC-1", "sre/fix-INC-2");
    assertThat(fixBranches())
        .containsExactlyInAnyOrder(
            "sre/fix-INC-3", "sre/fix-INC-4", "sre/fix-INC-5", "sre/fix-INC-6", "sre/fix-INC-7");
  }

  @Test
  void theLastCommitTimeDecidesWhichBranchesAreNewest() throws Exception {
    proposeAndMerge("INC-Z1");
    proposeAndMerge("INC-Z2");
    Thread.sleep(1100);
    for (int i = 1; i <= 5; i++) {
      proposeAndMerge("INC-A" + i);
    }

    assertThat(fixer.pruneBranches()).containsExactlyInAnyOrder("sre/fix-INC-Z1", "sre/fix-INC-Z2");
  }

  @Test
  void pruningKeepsTheBranchOfAPullRequestStillOpen() {
    FixResult open =
        fixer.propose(
            "INC-1",
            1,
            "user-service",
            new ConfigChange("user-service.env", "USER_CACHE_SIZE", "100", "200"),
            WHY);
    for (int i = 2; i <= 7; i++) {
      proposeAndMerge("INC-" + i);
    }

    assertThat(fixer.pruneBranches()).containsExactly("sre/fix-INC-2");
    assertThat(fixBranches()).contains(open.branch()).hasSize(6);
    assertThat(fixer.merge(open.pullRequest()).outcome()).isEqualTo(Outcome.MERGED);
  }

  @Test
  void namesBranchesGitAcceptsAndKeepsDifferentIncidentsApart() {
    assertThat(PullRequestFixer.branchFor("INC-20250301T101500-ab12"))
        .isEqualTo("sre/fix-INC-20250301T101500-ab12");
    String odd = PullRequestFixer.branchFor("INC 1/../x.lock");
    assertThat(odd).matches("sre/fix-INC-1-\\.-x-lock-[0-9a-f]{8}");
    assertThat(PullRequestFixer.branchFor("INC 1"))
        .isNotEqualTo(PullRequestFixer.branchFor("INC-1"));
    assertThatThrownBy(() -> PullRequestFixer.branchFor(" /// "))
        .isInstanceOf(IllegalArgumentException.class);

    FixResult proposed = fixer.propose("INC 1/../x.lock", 7, "policy-service", pool("4", "8"), WHY);

    assertThat(proposed.outcome()).isEqualTo(Outcome.PROPOSED);
    assertThat(fixBranches()).containsExactly(odd);
  }

  private void proposeAndMerge(String incidentId) {
    String from = String.valueOf(counter);
    counter *= 2;
    ConfigChange next = new ConfigChange(COUNTER_FILE, "N", from, String.valueOf(counter));
    FixResult proposed = fixer.propose(incidentId, 1, "policy-service", next, WHY);
    assertThat(fixer.merge(proposed.pullRequest()).outcome()).isEqualTo(Outcome.MERGED);
  }

  private void assertRefusedWithNothingBehind(FixResult result, String reason) {
    assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(result.pullRequest()).isZero();
    assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    assertThat(host.branches("sre/")).isEmpty();
    assertThatThrownBy(() -> host.pullRequest(1))
        .isInstanceOfSatisfying(
            BoardException.class,
            e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.NOT_FOUND));
    assertThat(onMain()).isEqualTo(SEED);
  }

  private List<String> fixBranches() {
    return host.branches(PullRequestFixer.BRANCH_PREFIX).stream().map(Branch::name).toList();
  }

  private String onMain() {
    return host.read(host.defaultBranch(), FILE).orElseThrow();
  }

  private String body(PullRequest pull) {
    return host.read("sre-space/pulls", "pulls/" + pull.number() + ".md").orElseThrow();
  }

  private static List<String> changedLines(String before, String after) {
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    assertThat(now).hasSameSizeAs(old);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      if (!old.get(i).equals(now.get(i))) {
        changed.add(now.get(i));
      }
    }
    return changed;
  }

  private static ConfigChange pool(String from, String to) {
    return change(POOL, from, to);
  }

  private static ConfigChange change(String key, String from, String to) {
    return new ConfigChange(FILE, key, from, to);
  }
}
