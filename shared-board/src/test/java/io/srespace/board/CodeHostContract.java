package io.srespace.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every CodeHost adapter must do; each adapter's test class extends this. */
public abstract class CodeHostContract {
  protected static final String CONFIG = "policy-service/application.env";
  protected static final String ORIGINAL = "DB_POOL_MAX_SIZE=2\nPRICING_ACCEPTANCE_LIMIT=0.8\n";

  /** A host whose default branch holds {@link #CONFIG} with {@link #ORIGINAL}. */
  protected abstract CodeHost host();

  @Test
  void commitsOnANewBranchLeaveTheDefaultBranchAlone() {
    host().createBranch("sre/fix-INC-1");

    host().commit("sre/fix-INC-1", "Raise the pool", Map.of(CONFIG, raised()));

    assertThat(host().read("sre/fix-INC-1", CONFIG)).contains(raised());
    assertThat(host().read(host().defaultBranch(), CONFIG)).contains(ORIGINAL);
  }

  @Test
  void aPullRequestIsLinkedToItsIssueAndSquashMergedIntoTheDefaultBranch() {
    host().createBranch("sre/fix-INC-2");
    host().commit("sre/fix-INC-2", "Raise the pool", Map.of(CONFIG, raised()));

    PullRequest opened =
        host().openPullRequest("sre/fix-INC-2", "Raise pool", "Fixes the pool.", 7);
    assertThat(opened.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(opened.linkedIssue()).isEqualTo(7);
    assertThat(host().pullRequest(opened.number()).mergeable()).isTrue();

    String merged = host().squashMerge(opened.number(), "Raise policy-service's pool to 8");

    assertThat(merged).matches("[0-9a-f]{40}");
    assertThat(host().read(host().defaultBranch(), CONFIG)).contains(raised());
    PullRequest done = host().pullRequest(opened.number());
    assertThat(done.state()).isEqualTo(PullRequest.State.MERGED);
    assertThat(done.mergeCommit()).isEqualTo(merged);
  }

  @Test
  void aBranchsPullRequestIsFoundOpenAndStillFoundOnceMerged() {
    assertThat(host().pullRequestFrom("sre/fix-INC-9")).isEmpty();
    host().createBranch("sre/fix-INC-9");
    host().commit("sre/fix-INC-9", "Raise the pool", Map.of(CONFIG, raised()));
    host().createBranch("sre/fix-INC-10");
    host().commit("sre/fix-INC-10", "Raise the pool", Map.of(CONFIG, raised()));
    PullRequest other = host().openPullRequest("sre/fix-INC-10", "Other", "Another fix.", 3);
    PullRequest opened = host().openPullRequest("sre/fix-INC-9", "Raise pool", "Fixes it.", 7);

    assertThat(host().pullRequestFrom("sre/fix-INC-9"))
        .get()
        .satisfies(found -> assertThat(found.number()).isEqualTo(opened.number()))
        .satisfies(found -> assertThat(found.state()).isEqualTo(PullRequest.State.OPEN));
    host().squashMerge(opened.number(), "Raise policy-service's pool to 8");
    assertThat(host().pullRequestFrom("sre/fix-INC-9"))
        .get()
        .satisfies(found -> assertThat(found.state()).isEqualTo(PullRequest.State.MERGED));
    assertThat(host().pullRequestFrom("sre/fix-INC-10").map(PullRequest::number))
        .contains(other.number());
  }

  @Test
  void aConflictingPullRequestIsNotMergedAndSaysSo() {
    host().createBranch("sre/fix-INC-3");
    host().commit("sre/fix-INC-3", "Pool to 8", Map.of(CONFIG, raised()));
    host().createBranch("sre/fix-INC-4");
    host().commit("sre/fix-INC-4", "Pool to 16", Map.of(CONFIG, ORIGINAL.replace("=2", "=16")));
    int first = host().openPullRequest("sre/fix-INC-3", "to 8", "", 1).number();
    int second = host().openPullRequest("sre/fix-INC-4", "to 16", "", 1).number();
    host().squashMerge(first, "Pool to 8");

    assertThat(host().pullRequest(second).mergeable()).isFalse();
    assertThatThrownBy(() -> host().squashMerge(second, "Pool to 16"))
        .isInstanceOfSatisfying(
            BoardException.class,
            e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.CONFLICT));
    assertThat(host().read(host().defaultBranch(), CONFIG)).contains(raised());
  }

  @Test
  void aClosedPullRequestCannotBeMerged() {
    host().createBranch("sre/fix-INC-5");
    host().commit("sre/fix-INC-5", "Pool to 8", Map.of(CONFIG, raised()));
    int number = host().openPullRequest("sre/fix-INC-5", "to 8", "", 1).number();

    host().closePullRequest(number);

    assertThat(host().pullRequest(number).state()).isEqualTo(PullRequest.State.CLOSED);
    assertThatThrownBy(() -> host().squashMerge(number, "no")).isInstanceOf(BoardException.class);
    assertThat(host().read(host().defaultBranch(), CONFIG)).contains(ORIGINAL);
  }

  @Test
  void aMergedChangeIsRevertedByANewPullRequest() {
    host().createBranch("sre/fix-INC-6");
    host().commit("sre/fix-INC-6", "Pool to 8", Map.of(CONFIG, raised(), "notes.txt", "added\n"));
    int number = host().openPullRequest("sre/fix-INC-6", "to 8", "", 3).number();
    host().squashMerge(number, "Pool to 8");

    PullRequest revert = host().revert(number, "sre/revert-INC-6", "recovery not verified");
    host().squashMerge(revert.number(), "Revert pool to 8");

    assertThat(revert.linkedIssue()).isEqualTo(3);
    assertThat(revert.branch()).isEqualTo("sre/revert-INC-6");
    assertThat(host().read(host().defaultBranch(), CONFIG)).contains(ORIGINAL);
    assertThat(host().read(host().defaultBranch(), "notes.txt")).isEmpty();
  }

  @Test
  void branchHygieneKeepsTheNewestFiveFixBranches() throws Exception {
    for (int i = 1; i <= 7; i++) {
      host().createBranch("sre/fix-old-" + i);
      host().commit("sre/fix-old-" + i, "change " + i, Map.of("f" + i + ".txt", "v" + i));
      Thread.sleep(1100);
    }
    host().createBranch("feature/keep-me");

    var deleted = host().pruneBranches("sre/fix-", 5);

    assertThat(deleted).containsExactlyInAnyOrder("sre/fix-old-1", "sre/fix-old-2");
    assertThat(host().branches("sre/fix-"))
        .extracting(Branch::name)
        .containsExactlyInAnyOrder(
            "sre/fix-old-3", "sre/fix-old-4", "sre/fix-old-5", "sre/fix-old-6", "sre/fix-old-7");
    assertThat(host().branches("feature/")).hasSize(1);
  }

  protected static String raised() {
    return ORIGINAL.replace("=2", "=8");
  }
}
