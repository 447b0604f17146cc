package io.srespace.board.local;

import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import io.srespace.board.Branch;
import io.srespace.board.CodeHost;
import io.srespace.board.PullRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A local git repository as a code host: pull requests are branches plus a record file (kept on the
 * {@code sre-space/pulls} branch, so the default branch holds only the configuration), merges are
 * real squash merges, reverts are new pull requests.
 */
public final class LocalGitCodeHost implements CodeHost, AutoCloseable {
  static final String RECORDS_BRANCH = "sre-space/pulls";
  private static final String FOLDER = "pulls";

  private final GitStore store;
  private final PersonIdent identity;

  private LocalGitCodeHost(GitStore store, PersonIdent identity) {
    this.store = store;
    this.identity = identity;
  }

  /** Opens the bare repository {@code repository}, creating it with a first commit if needed. */
  public static LocalGitCodeHost open(Path repository, String author) {
    PersonIdent identity = new PersonIdent(author, author + "@sre-space.local");
    return new LocalGitCodeHost(GitStore.open(repository, "main", identity), identity);
  }

  @Override
  public String defaultBranch() {
    return store.defaultBranch();
  }

  @Override
  public Optional<String> read(String branch, String path) {
    return store.read(branch, path);
  }

  @Override
  public void createBranch(String branch) {
    store.locked(
        () -> {
          store.createBranch(branch, store.requireHead(defaultBranch()));
          return null;
        });
  }

  @Override
  public String commit(String branch, String message, Map<String, String> files) {
    return store.locked(
        () -> {
          store.requireHead(branch);
          return store.commit(branch, null, message, identity, files).name();
        });
  }

  @Override
  public PullRequest openPullRequest(
      String branch, String title, String markdownBody, int linkedIssue) {
    return store.locked(
        () -> {
          store.requireHead(branch);
          int number =
              store.list(RECORDS_BRANCH, FOLDER).stream()
                      .map(path -> record(path).field("number"))
                      .mapToInt(Integer::parseInt)
                      .max()
                      .orElse(0)
                  + 1;
          Record record =
              new Record(Map.of(), markdownBody + "\n")
                  .with("number", String.valueOf(number))
                  .with("title", title)
                  .with("branch", branch)
                  .with("base", defaultBranch())
                  .with("state", "open")
                  .with("issue", String.valueOf(linkedIssue))
                  .with("opened", Instant.now().toString());
          save(number, record, "Open pull request #%d: %s".formatted(number, title));
          return toPullRequest(record);
        });
  }

  @Override
  public PullRequest pullRequest(int number) {
    return toPullRequest(require(number));
  }

  @Override
  public Optional<PullRequest> pullRequestFrom(String branch) {
    return store.list(RECORDS_BRANCH, FOLDER).stream()
        .map(this::record)
        .filter(record -> branch.equals(record.field("branch")))
        .max(Comparator.comparingInt(record -> Integer.parseInt(record.field("number"))))
        .map(this::toPullRequest);
  }

  @Override
  public String squashMerge(int number, String commitMessage) {
    return store.locked(
        () -> {
          Record record = requireOpen(number);
          ObjectId base = store.requireHead(record.field("base"));
          ObjectId tree =
              store
                  .mergedTree(base, store.requireHead(record.field("branch")))
                  .orElseThrow(
                      () ->
                          new BoardException(
                              Reason.CONFLICT,
                              "pull request #%d conflicts with %s"
                                  .formatted(number, record.field("base"))));
          String merged =
              store
                  .commitTree(
                      record.field("base"), tree, commitMessage + " (#" + number + ")", identity)
                  .name();
          save(
              number,
              record.with("state", "merged").with("merge-commit", merged),
              "Merge pull request #" + number);
          return merged;
        });
  }

  @Override
  public void closePullRequest(int number) {
    store.locked(
        () -> {
          save(
              number, requireOpen(number).with("state", "closed"), "Close pull request #" + number);
          return null;
        });
  }

  @Override
  public PullRequest revert(int number, String revertBranch, String reason) {
    Record merged = require(number);
    if (!merged.field("state").equals("merged")) {
      throw new BoardException(Reason.INVALID, "pull request #" + number + " is not merged");
    }
    ObjectId mergeCommit = ObjectId.fromString(merged.field("merge-commit"));
    ObjectId before = store.firstParent(mergeCommit);
    Map<String, String> restored = new LinkedHashMap<>();
    for (String path : store.changedPaths(mergeCommit)) {
      restored.put(path, store.read(before, path).orElse(null));
    }
    createBranch(revertBranch);
    commit(revertBranch, "Revert #%d: %s".formatted(number, reason), restored);
    return openPullRequest(
        revertBranch,
        "Revert #%d: %s".formatted(number, merged.field("title")),
        "Reverts #%d: %s".formatted(number, reason),
        Integer.parseInt(merged.field("issue")));
  }

  @Override
  public List<Branch> branches(String prefix) {
    return store.branches(prefix).stream()
        .filter(branch -> !branch.name().equals(RECORDS_BRANCH))
        .toList();
  }

  @Override
  public void deleteBranch(String branch) {
    if (branch.equals(defaultBranch()) || branch.equals(RECORDS_BRANCH)) {
      throw new BoardException(Reason.INVALID, "branch " + branch + " cannot be deleted");
    }
    store.locked(
        () -> {
          store.deleteBranch(branch);
          return null;
        });
  }

  @Override
  public void close() {
    store.close();
  }

  private PullRequest toPullRequest(Record record) {
    PullRequest.State state =
        PullRequest.State.valueOf(record.field("state").toUpperCase(Locale.ROOT));
    Boolean mergeable =
        state == PullRequest.State.OPEN
            ? store
                .mergedTree(
                    store.requireHead(record.field("base")),
                    store.requireHead(record.field("branch")))
                .isPresent()
            : null;
    int number = Integer.parseInt(record.field("number"));
    return new PullRequest(
        number,
        record.field("title"),
        record.field("branch"),
        record.field("base"),
        state,
        mergeable,
        Integer.parseInt(record.field("issue")),
        record.fields().get("merge-commit"),
        store.directory().toUri() + "#" + path(number));
  }

  private Record requireOpen(int number) {
    Record record = require(number);
    if (!record.field("state").equals("open")) {
      throw new BoardException(
          Reason.INVALID, "pull request #%d is %s".formatted(number, record.field("state")));
    }
    return record;
  }

  private Record require(int number) {
    return store
        .read(RECORDS_BRANCH, path(number))
        .map(Record::parse)
        .orElseThrow(() -> new BoardException(Reason.NOT_FOUND, "no pull request #" + number));
  }

  private Record record(String path) {
    return Record.parse(store.read(RECORDS_BRANCH, path).orElseThrow());
  }

  private void save(int number, Record record, String message) {
    store.commit(RECORDS_BRANCH, null, message, identity, Map.of(path(number), record.format()));
  }

  private static String path(int number) {
    return FOLDER + "/" + number + ".md";
  }
}
