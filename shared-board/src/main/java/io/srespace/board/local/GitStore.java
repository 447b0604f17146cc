package io.srespace.board.local;

import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import io.srespace.board.Branch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A bare git repository used as a store: files read and committed on branches without a working
 * tree, merges done in memory. Writers in several processes take turns through a lock file, and
 * every change is a commit, so {@code git log} is the audit trail. Needs no git configuration.
 */
final class GitStore implements AutoCloseable {
  private static final Map<Path, ReentrantLock> LOCKS_IN_THIS_JVM = new ConcurrentHashMap<>();

  private final Repository repository;
  private final Path lockFile;
  private final String defaultBranch;
  private final Duration lockWait;

  private GitStore(Repository repository, Path lockFile, String defaultBranch, Duration lockWait) {
    this.repository = repository;
    this.lockFile = lockFile;
    this.defaultBranch = defaultBranch;
    this.lockWait = lockWait;
  }

  /** How long a writer waits for the lock before it gives up with an error. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  /** Opens the bare repository at {@code directory}, creating it with a first commit if needed. */
  static GitStore open(Path directory, String defaultBranch, PersonIdent creator) {
    return open(directory, defaultBranch, creator, LOCK_WAIT);
  }

  static GitStore open(
      Path directory, String defaultBranch, PersonIdent creator, Duration lockWait) {
    try {
      Files.createDirectories(directory);
      Repository repository =
          new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
      GitStore store =
          new GitStore(repository, directory.resolve("sre-space.lock"), defaultBranch, lockWait);
      store.locked(() -> store.initialise(creator));
      return store;
    } catch (IOException e) {
      throw new BoardException(Reason.FAILED, "cannot open git repository " + directory, e);
    }
  }

  String defaultBranch() {
    return defaultBranch;
  }

  Path directory() {
    return repository.getDirectory().toPath();
  }

  /** Runs {@code action} while holding the repository's lock, against this and other processes. */
  <T> T locked(Supplier<T> action) {
    ReentrantLock jvmLock =
        LOCKS_IN_THIS_JVM.computeIfAbsent(
            lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
    long deadline = System.nanoTime() + lockWait.toNanos();
    try {
      if (!jvmLock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw lockedTooLong();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BoardException(Reason.FAILED, "interrupted while waiting for " + lockFile, e);
    }
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock fileLock = fileLock(channel, deadline)) {
      return action.get();
    } catch (IOException e) {
      throw new BoardException(Reason.FAILED, "cannot lock " + lockFile, e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** The file's lock, waited for until {@code deadline} (another process may hold it). */
  private FileLock fileLock(FileChannel channel, long deadline) throws IOException {
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw lockedTooLong();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BoardException(Reason.FAILED, "interrupted while waiting for " + lockFile, e);
      }
    }
  }

  private BoardException lockedTooLong() {
    return new BoardException(
        Reason.FAILED,
        "the board is locked: %s has been held by another writer for more than %d s"
            .formatted(lockFile, lockWait.toSeconds()));
  }

  Optional<ObjectId> head(String branch) {
    try {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      return Optional.ofNullable(ref).map(Ref::getObjectId);
    } catch (IOException e) {
      throw failure("reading branch " + branch, e);
    }
  }

  ObjectId requireHead(String branch) {
    return head(branch)
        .orElseThrow(() -> new BoardException(Reason.NOT_FOUND, "no branch " + branch));
  }

  Optional<String> read(String branch, String path) {
    return head(branch).flatMap(commit -> read(commit, path));
  }

  Optional<String> read(ObjectId commit, String path) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit parsed = walk.parseCommit(commit);
      try (TreeWalk tree = TreeWalk.forPath(repository, path, parsed.getTree())) {
        if (tree == null) {
          return Optional.empty();
        }
        return Optional.of(
            new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw failure("reading " + path, e);
    }
  }

  /** Paths of the files directly under {@code folder} on {@code branch}. */
  List<String> list(String branch, String folder) {
    List<String> paths = new ArrayList<>();
    Optional<ObjectId> head = head(branch);
    if (head.isEmpty()) {
      return paths;
    }
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(head.get()).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        if (path.startsWith(folder + "/") && path.indexOf('/', folder.length() + 1) < 0) {
          paths.add(path);
        }
      }
      return paths;
    } catch (IOException e) {
      throw failure("listing " + folder, e);
    }
  }

  /**
   * Commits {@code files} (path to content; null deletes) on top of {@code branch}, creating the
   * branch from {@code startingPoint} if it does not exist yet. Returns the new commit.
   */
  ObjectId commit(
      String branch,
      ObjectId startingPoint,
      String message,
      PersonIdent author,
      Map<String, String> files) {
    ObjectId current = head(branch).orElse(null);
    ObjectId parent = current != null ? current : startingPoint;
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(repository)) {
      DirCache index =
          parent == null
              ? DirCache.newInCore()
              : DirCache.read(reader, walk.parseCommit(parent).getTree());
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (file.getValue() == null) {
          editor.add(new DirCacheEditor.DeletePath(file.getKey()));
        } else {
          ObjectId blob =
              inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
          editor.add(
              new DirCacheEditor.PathEdit(file.getKey()) {
                @Override
                public void apply(DirCacheEntry entry) {
                  entry.setFileMode(FileMode.REGULAR_FILE);
                  entry.setObjectId(blob);
                }
              });
        }
      }
      editor.finish();
      ObjectId tree = index.writeTree(inserter);
      ObjectId commit = insertCommit(inserter, tree, parent, message, author);
      moveBranch(branch, current, commit);
      return commit;
    } catch (IOException e) {
      throw failure("committing on " + branch, e);
    }
  }

  void createBranch(String branch, ObjectId at) {
    if (head(branch).isPresent()) {
      throw new BoardException(Reason.INVALID, "branch " + branch + " already exists");
    }
    moveBranch(branch, null, at);
  }

  void deleteBranch(String branch) {
    try {
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
        throw new BoardException(
            result == RefUpdate.Result.NO_CHANGE ? Reason.NOT_FOUND : Reason.FAILED,
            "cannot delete branch " + branch + ": " + result);
      }
    } catch (IOException e) {
      throw failure("deleting branch " + branch, e);
    }
  }

  List<Branch> branches(String prefix) {
    try (RevWalk walk = new RevWalk(repository)) {
      List<Branch> branches = new ArrayList<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + prefix)) {
        RevCommit head = walk.parseCommit(ref.getObjectId());
        branches.add(
            new Branch(
                ref.getName().substring(Constants.R_HEADS.length()),
                Instant.ofEpochSecond(head.getCommitTime())));
      }
      return branches;
    } catch (IOException e) {
      throw failure("listing branches", e);
    }
  }

  /**
   * Merges {@code branch} into {@code base} in memory; the resulting tree, or empty on conflict.
   */
  Optional<ObjectId> mergedTree(ObjectId base, ObjectId branch) {
    try {
      ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
      return merger.merge(base, branch) ? Optional.of(merger.getResultTreeId()) : Optional.empty();
    } catch (IOException e) {
      throw failure("merging", e);
    }
  }

  /** Commits {@code tree} on {@code branch} as a single new commit on top of its head. */
  ObjectId commitTree(String branch, ObjectId tree, String message, PersonIdent author) {
    ObjectId parent = requireHead(branch);
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId commit = insertCommit(inserter, tree, parent, message, author);
      moveBranch(branch, parent, commit);
      return commit;
    } catch (IOException e) {
      throw failure("committing on " + branch, e);
    }
  }

  /** The paths a commit changed compared with its first parent. */
  List<String> changedPaths(ObjectId commit) {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit parsed = walk.parseCommit(commit);
      RevCommit parent = walk.parseCommit(parsed.getParent(0));
      tree.addTree(parent.getTree());
      tree.addTree(parsed.getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      List<String> paths = new ArrayList<>();
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
      return paths;
    } catch (IOException e) {
      throw failure("reading the changes of " + commit.name(), e);
    }
  }

  ObjectId firstParent(ObjectId commit) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(commit).getParent(0).getId();
    } catch (IOException e) {
      throw failure("reading " + commit.name(), e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }

  private Void initialise(PersonIdent creator) {
    try {
      if (!Files.exists(repository.getDirectory().toPath().resolve("HEAD"))) {
        repository.create(true);
      }
      RefUpdate head = repository.updateRef(Constants.HEAD);
      head.link(Constants.R_HEADS + defaultBranch);
      if (head(defaultBranch).isEmpty()) {
        commit(
            defaultBranch,
            null,
            "Start the repository",
            creator,
            Map.of("README.md", "Kept by SRE-Space: every change here is a commit.\n"));
      }
      return null;
    } catch (IOException e) {
      throw failure("creating the repository", e);
    }
  }

  private ObjectId insertCommit(
      ObjectInserter inserter, ObjectId tree, ObjectId parent, String message, PersonIdent author)
      throws IOException {
    PersonIdent now = new PersonIdent(author, Instant.now());
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    if (parent != null) {
      commit.setParentId(parent);
    }
    commit.setAuthor(now);
    commit.setCommitter(now);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  private void moveBranch(String branch, ObjectId expected, ObjectId to) {
    try {
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(to);
      update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
        throw new BoardException(Reason.FAILED, "cannot move branch " + branch + ": " + result);
      }
    } catch (IOException e) {
      throw failure("moving branch " + branch, e);
    }
  }

  private static BoardException failure(String what, IOException e) {
    return new BoardException(
        Reason.FAILED, what + " failed: " + e.getMessage(), new UncheckedIOException(e));
  }
}
