package io.srespace.fixer.gitops;

import io.srespace.board.BoardException;
import io.srespace.board.Branch;
import io.srespace.board.CodeHost;
import io.srespace.board.PullRequest;
import io.srespace.events.ConfigChange;
import io.srespace.fixer.gitops.FixResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.jboss.logging.Logger;

/**
 * Turns a configuration fix into a reviewed change: a structured edit on {@code
 * sre/fix-<incident>}, a pull request linked to the incident's issue, a squash merge only while the
 * change validates, and a revert pull request when the fix does not help.
 *
 * <p>A refused proposal leaves nothing behind: the change is validated before any branch exists. A
 * pull request that no longer validates when {@link #merge} is asked is closed, and the reasons are
 * returned for the incident's issue. Pull requests this instance opened are remembered, so
 * proposing for the same incident again returns the first one; after a restart an existing branch
 * is enough to refuse a second pull request.
 */
public final class PullRequestFixer {
  public static final String BRANCH_PREFIX = "sre/fix-";
  public static final int BRANCHES_KEPT = 5;
  private static final String REVERT_SUFFIX = "-revert";
  private static final int MAX_ID_LENGTH = 80;
  private static final Logger LOG = Logger.getLogger(PullRequestFixer.class);

  private final ConfigRepository repository;
  private final CodeHost host;
  private final ChangeValidator validator;
  private final Map<String, Integer> pullRequestsByBranch = new HashMap<>();
  private final Map<Integer, Proposal> proposals = new HashMap<>();

  public PullRequestFixer(ConfigRepository repository, ChangeValidator validator) {
    this.repository = repository;
    this.host = repository.host();
    this.validator = validator;
  }

  /**
   * The incident's fix branch: {@code sre/fix-} and the incident id, with characters git refuses
   * replaced and, when any were, a short hash of the id so two ids never share a branch.
   */
  /** The value of {@code key} in {@code file} on the default branch; empty when not set. */
  public Optional<String> current(String file, String key) {
    return repository.read(file).map(text -> ConfigRepository.parse(file, text).get(key));
  }

  public static String branchFor(String incidentId) {
    String id = incidentId == null ? "" : incidentId.strip();
    String safe = id.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("\\.{2,}", ".");
    if (safe.length() > MAX_ID_LENGTH) {
      safe = safe.substring(0, MAX_ID_LENGTH);
    }
    safe = safe.replaceAll("^[.-]+|[.-]+$", "");
    if (safe.toLowerCase(Locale.ROOT).endsWith(".lock")) {
      safe = safe.substring(0, safe.length() - 5) + "-lock";
    }
    if (safe.isEmpty()) {
      throw new IllegalArgumentException(
          "incident id '%s' gives no usable branch name".formatted(incidentId));
    }
    if (!safe.equals(id)) {
      CRC32 crc = new CRC32();
      crc.update(id.getBytes(StandardCharsets.UTF_8));
      safe += "-" + HexFormat.of().toHexDigits((int) crc.getValue());
    }
    return BRANCH_PREFIX + safe;
  }

  /**
   * Proposes {@code change} for an incident: validated, committed on the incident's branch and
   * opened as a pull request linked to {@code issueNumber}. The change starts from the file's real
   * value on the default branch, whatever {@code change.from()} says.
   */
  public synchronized FixResult propose(
      String incidentId, int issueNumber, String service, ConfigChange change, String reason) {
    return propose(incidentId, issueNumber, service, change, reason, null);
  }

  /**
   * Proposes {@code change} as above; with {@code reverts}, the commit of a recorded deployment it
   * undoes: then {@code change.from()} is what that deployment set, which the file must still hold,
   * and {@code change.to()} the value before it, which must fit the key's setting.
   */
  public synchronized FixResult propose(
      String incidentId,
      int issueNumber,
      String service,
      ConfigChange change,
      String reason,
      String reverts) {
    String branch = branchFor(incidentId);
    Optional<FixResult> earlier = earlierProposal(branch);
    if (earlier.isPresent()) {
      LOG.infof("incident %s: %s", incidentId, earlier.get().reasons().get(0));
      return earlier.get();
    }
    Map<String, String> base = snapshot(host.defaultBranch());
    String text = base.get(change.file());
    List<String> reasons = new ArrayList<>();
    String edited = edit(change, text, reverts, reasons);
    if (!reasons.isEmpty()) {
      LOG.infof(
          "incident %s: %s %s=%s refused: %s",
          incidentId, change.file(), change.key(), change.to(), String.join("; ", reasons));
      return FixResult.refused(reasons);
    }
    String from = ConfigRepository.parse(change.file(), text).get(change.key());
    ConfigChange actual = new ConfigChange(change.file(), change.key(), from, change.to());
    String body =
        PullRequestText.body(
            incidentId,
            issueNumber,
            service,
            actual,
            change.from(),
            reason,
            reverts == null
                ? "the rule " + validator.rule(change.file(), change.key()).orElseThrow().describe()
                : "a revert of commit %s: the value before it, within the key's setting"
                    .formatted(reverts),
            text,
            edited);
    String title = PullRequestText.title(incidentId, service, actual, reverts);
    String commitMessage =
        PullRequestText.commitMessage(incidentId, service, actual, reason, reverts);
    run(
        "incident %s: creating branch %s".formatted(incidentId, branch),
        () -> host.createBranch(branch));
    String commit;
    PullRequest pull;
    try {
      commit = host.commit(branch, commitMessage, Map.of(change.file(), edited));
      pull = host.openPullRequest(branch, title, body, issueNumber);
    } catch (BoardException e) {
      deleteAfterFailure(branch, e);
      throw new GitOpsException(
          "incident %s: proposing %s on %s failed: %s".formatted(incidentId, title, branch, e), e);
    }
    pullRequestsByBranch.put(branch, pull.number());
    proposals.put(pull.number(), new Proposal(actual, base, edited, reverts));
    LOG.infof("incident %s: proposed #%d %s on %s", incidentId, pull.number(), title, branch);
    List<String> notes =
        PullRequestText.disagrees(change.from(), from)
            ? List.of(
                "the request said %s was %s; the repository has %s, so the change starts from there"
                    .formatted(change.key(), change.from(), from))
            : List.of();
    return new FixResult(
        Outcome.PROPOSED, pull.number(), pull.url(), branch, commit, actual, Map.of(), notes);
  }

  /** The file's text with the change made, or null with the reasons it may not be. */
  private String edit(ConfigChange change, String text, String reverts, List<String> reasons) {
    reasons.addAll(check(change, text, reverts));
    if (!reasons.isEmpty()) {
      return null;
    }
    try {
      return ConfigFormat.forFile(change.file()).orElseThrow().set(text, change.key(), change.to());
    } catch (ConfigFormatException e) {
      reasons.add("the edit of %s was refused: %s".formatted(change.file(), e.getMessage()));
      return null;
    }
  }

  /**
   * Squash-merges a fix pull request if it still passes validation against the default branch as it
   * is now; returns the merge commit and the changed file's new keys and values. For a pull request
   * this instance proposed, its branch must still hold exactly what was proposed (other fixes
   * merged since, to other lines or files, are fine); for any other, the branch must differ from
   * the default branch in exactly one allowed key of one file. A refused pull request is closed.
   */
  public synchronized FixResult merge(int number) {
    PullRequest pull = pullRequest(number);
    if (pull.state() != PullRequest.State.OPEN) {
      return refused(pull, "pull request #%d is %s, not open".formatted(number, state(pull)));
    }
    Map<String, String> before = snapshot(host.defaultBranch());
    Map<String, String> branch = snapshot(pull.branch());
    Proposal proposal = proposals.get(number);
    List<String> reasons = new ArrayList<>();
    String file =
        proposal != null
            ? checkProposal(proposal, before, branch, reasons)
            : checkBranch(number, before, branch, reasons);
    String commit = reasons.isEmpty() ? squashMerge(pull, reasons) : null;
    if (commit == null) {
      proposals.remove(number);
      return closeRefused(pull, reasons);
    }
    proposals.remove(number);
    Map<String, String> after = snapshot(host.defaultBranch());
    List<String> changed = changedFiles(before, after);
    ConfigChange change =
        changed.equals(List.of(file))
            ? change(file, before.get(file), after.get(file)).orElse(null)
            : null;
    if (change == null) {
      throw new GitOpsException(
          "pull request #%d merged as %s, but %s on %s changed more than one key: revert it"
              .formatted(number, commit, String.join(", ", changed), host.defaultBranch()));
    }
    LOG.infof("merged #%d %s as %s", number, pull.title(), commit);
    return new FixResult(
        Outcome.MERGED,
        number,
        pull.url(),
        pull.branch(),
        commit,
        change,
        repository.environment(file),
        List.of());
  }

  /** Checks a pull request this instance proposed; returns its file. */
  private String checkProposal(
      Proposal proposal,
      Map<String, String> main,
      Map<String, String> branch,
      List<String> reasons) {
    ConfigChange change = proposal.change();
    String file = change.file();
    for (String other : union(proposal.base(), branch)) {
      if (!other.equals(file) && !Objects.equals(branch.get(other), proposal.base().get(other))) {
        reasons.add(
            "the pull request's branch changes %s too; a fix changes one file".formatted(other));
      }
    }
    if (!Objects.equals(branch.get(file), proposal.committed())) {
      reasons.add("%s on the pull request's branch is no longer what was proposed".formatted(file));
      reasons.addAll(validator.checkMerge(file, proposal.base().get(file), branch.get(file)));
    }
    reasons.addAll(check(change, main.get(file), proposal.reverts()));
    return file;
  }

  /** Reasons not to make the change (a revert of {@code reverts}, when given) on {@code text}. */
  private List<String> check(ConfigChange change, String text, String reverts) {
    return reverts == null
        ? validator.check(change.file(), text, change.key(), change.to())
        : validator.checkRevert(change.file(), text, change.key(), change.to(), change.from());
  }

  /** Checks a pull request by comparing its branch with the default branch; returns its file. */
  private String checkBranch(
      int number, Map<String, String> main, Map<String, String> branch, List<String> reasons) {
    List<String> files = changedFiles(main, branch);
    if (files.size() != 1) {
      reasons.add(
          "pull request #%d changes %d of the files Fixer may change (%s); a fix changes one"
              .formatted(number, files.size(), String.join(", ", files)));
      return null;
    }
    String file = files.get(0);
    reasons.addAll(validator.checkMerge(file, main.get(file), branch.get(file)));
    return file;
  }

  /**
   * Undoes a merged fix: a revert pull request, squash-merged, so the default branch holds the
   * files as they were before the fix; returns the revert's number and commit and the file's keys
   * and values after it.
   */
  public synchronized FixResult revert(int number, String reason) {
    PullRequest fix = pullRequest(number);
    if (fix.state() != PullRequest.State.MERGED) {
      return refused(
          fix,
          "pull request #%d is %s; only a merged one is reverted".formatted(number, state(fix)));
    }
    String branch = fix.branch() + REVERT_SUFFIX;
    Integer earlier = pullRequestsByBranch.get(branch);
    PullRequest revert;
    if (earlier != null) {
      revert = pullRequest(earlier);
      if (revert.state() != PullRequest.State.OPEN) {
        return refused(
            revert,
            "#%d was already reverted by #%d, which is %s"
                .formatted(number, revert.number(), state(revert)));
      }
    } else if (branchExists(branch)) {
      return refused(
          fix, "#%d already has a revert branch %s; not reverting twice".formatted(number, branch));
    } else {
      revert = call("reverting #" + number, () -> host.revert(number, branch, reason));
      pullRequestsByBranch.put(branch, revert.number());
    }
    Map<String, String> before = snapshot(host.defaultBranch());
    List<String> reasons = new ArrayList<>();
    String commit = squashMerge(revert, reasons);
    if (commit == null) {
      reasons.add("the revert pull request #%d is left open for people".formatted(revert.number()));
      return refused(revert, reasons.toArray(String[]::new));
    }
    Map<String, String> after = snapshot(host.defaultBranch());
    List<String> files = changedFiles(before, after);
    Optional<ConfigChange> change =
        files.size() == 1
            ? change(files.get(0), before.get(files.get(0)), after.get(files.get(0)))
            : Optional.empty();
    Map<String, String> environment =
        files.size() == 1 && after.containsKey(files.get(0))
            ? repository.environment(files.get(0))
            : Map.of();
    LOG.infof("reverted #%d by #%d as %s: %s", number, revert.number(), commit, reason);
    return new FixResult(
        Outcome.REVERTED,
        revert.number(),
        revert.url(),
        revert.branch(),
        commit,
        change.orElse(null),
        environment,
        List.of(reason));
  }

  /**
   * Keeps the {@value #BRANCHES_KEPT} newest {@code sre/fix-*} branches (by last commit, then by
   * name, since incident ids start with their time) and deletes the others, except a branch whose
   * pull request this instance opened and is still open; returns the deleted branches.
   */
  public synchronized List<String> pruneBranches() {
    List<Branch> newestFirst =
        call("listing fix branches", () -> host.branches(BRANCH_PREFIX)).stream()
            .sorted(Comparator.comparing(Branch::lastCommit).thenComparing(Branch::name).reversed())
            .toList();
    List<String> deleted = new ArrayList<>();
    for (Branch branch :
        newestFirst.subList(Math.min(BRANCHES_KEPT, newestFirst.size()), newestFirst.size())) {
      Integer number = pullRequestsByBranch.get(branch.name());
      if (number != null && pullRequest(number).state() == PullRequest.State.OPEN) {
        continue;
      }
      run("deleting branch " + branch.name(), () -> host.deleteBranch(branch.name()));
      pullRequestsByBranch.remove(branch.name());
      deleted.add(branch.name());
    }
    if (!deleted.isEmpty()) {
      LOG.infof("deleted old fix branches %s", deleted);
    }
    return deleted;
  }

  private Optional<FixResult> earlierProposal(String branch) {
    Integer number = pullRequestsByBranch.get(branch);
    if (number != null) {
      PullRequest pull = pullRequest(number);
      return Optional.of(
          new FixResult(
              Outcome.ALREADY_PROPOSED,
              number,
              pull.url(),
              branch,
              pull.mergeCommit(),
              null,
              Map.of(),
              List.of(
                  "the incident's pull request #%d is already there (%s); no second one"
                      .formatted(number, state(pull)))));
    }
    if (branchExists(branch)) {
      return Optional.of(
          new FixResult(
              Outcome.ALREADY_PROPOSED,
              0,
              null,
              branch,
              null,
              null,
              Map.of(),
              List.of(
                  "branch %s already exists (proposed before this Fixer started); no second pull request"
                      .formatted(branch))));
    }
    return Optional.empty();
  }

  /** The squash-merge commit, or null with the reason added when the host reports a conflict. */
  private String squashMerge(PullRequest pull, List<String> reasons) {
    try {
      return host.squashMerge(pull.number(), pull.title());
    } catch (BoardException e) {
      if (e.reason() != BoardException.Reason.CONFLICT) {
        throw new GitOpsException(
            "merging pull request #%d failed: %s".formatted(pull.number(), e.getMessage()), e);
      }
      reasons.add(
          "pull request #%d conflicts with %s: %s"
              .formatted(pull.number(), host.defaultBranch(), e.getMessage()));
      return null;
    }
  }

  private FixResult closeRefused(PullRequest pull, List<String> reasons) {
    List<String> all = new ArrayList<>(reasons);
    try {
      host.closePullRequest(pull.number());
      all.add("pull request #%d is closed unmerged".formatted(pull.number()));
    } catch (BoardException e) {
      all.add("closing pull request #%d failed: %s".formatted(pull.number(), e.getMessage()));
    }
    LOG.infof("refused to merge #%d %s: %s", pull.number(), pull.title(), String.join("; ", all));
    return refused(pull, all.toArray(String[]::new));
  }

  private static FixResult refused(PullRequest pull, String... reasons) {
    return new FixResult(
        Outcome.REFUSED,
        pull.number(),
        pull.url(),
        pull.branch(),
        null,
        null,
        Map.of(),
        List.of(reasons));
  }

  /** The files some rule allows changes to, as they are on {@code branch}. */
  private Map<String, String> snapshot(String branch) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String file : new TreeSet<>(validator.files())) {
      repository.read(branch, file).ifPresent(text -> files.put(file, text));
    }
    return files;
  }

  private static List<String> changedFiles(Map<String, String> before, Map<String, String> after) {
    return union(before, after).stream()
        .filter(f -> !Objects.equals(before.get(f), after.get(f)))
        .toList();
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> files = new TreeSet<>(a.keySet());
    files.addAll(b.keySet());
    return files;
  }

  /** The one key that differs between two texts of a file, if exactly one does. */
  private static Optional<ConfigChange> change(String file, String before, String after) {
    if (before == null || after == null) {
      return Optional.empty();
    }
    Map<String, String> old = ConfigRepository.parse(file, before);
    Map<String, String> now = ConfigRepository.parse(file, after);
    List<String> keys = ChangeValidator.changedKeys(old, now);
    if (keys.size() != 1 || now.get(keys.get(0)) == null) {
      return Optional.empty();
    }
    String key = keys.get(0);
    return Optional.of(new ConfigChange(file, key, old.get(key), now.get(key)));
  }

  private boolean branchExists(String branch) {
    return call("listing branches", () -> host.branches(branch)).stream()
        .anyMatch(existing -> existing.name().equals(branch));
  }

  /**
   * The incident's pull request as the code host has it, open or not (after a restart too: it is
   * found by the incident's branch); empty when there is none.
   */
  public Optional<PullRequest> pullRequestOf(String incidentId) {
    String branch = branchFor(incidentId);
    return call("finding the pull request of " + branch, () -> host.pullRequestFrom(branch));
  }

  /** The file's environment on the default branch: what a redeploy of its service sets. */
  public Map<String, String> environment(String file) {
    return repository.environment(file);
  }

  private PullRequest pullRequest(int number) {
    return call("reading pull request #" + number, () -> host.pullRequest(number));
  }

  private void deleteAfterFailure(String branch, BoardException failure) {
    try {
      host.deleteBranch(branch);
    } catch (BoardException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * What was proposed, the default branch's files it started from, the file as committed, and the
   * deployment it reverts (null for a fix by a rule).
   */
  private record Proposal(
      ConfigChange change, Map<String, String> base, String committed, String reverts) {}

  private static String state(PullRequest pull) {
    return pull.state().name().toLowerCase(Locale.ROOT);
  }

  private static void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  private static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (BoardException e) {
      throw new GitOpsException(what + " failed: " + e.getMessage(), e);
    }
  }
}
