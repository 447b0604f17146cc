package io.srespace.ops.chaos;

import io.srespace.events.ConfigChange;
import io.srespace.knowledge.EnvFile;
import io.srespace.ops.stack.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's GitOps repository, changed with real git as a person deploying a change would: clone,
 * edit a service's {@code KEY=value} file, commit on the default branch, push.
 */
public final class GitOpsRepository {
  /** Far longer than any git command on a local repository takes. */
  private static final Duration GIT_LIMIT = Duration.ofMinutes(5);

  private static String trust;

  private final Path repository;

  public GitOpsRepository(Path repository) {
    this.repository = repository;
  }

  /** A commit pushed to the repository and each key it changed. */
  public record Committed(String commit, List<ConfigChange> changes) {}

  /** Commits {@code values} into {@code file}; empty when the file already had them. */
  public Optional<Committed> commit(String message, String file, Map<String, String> values)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(repository)) {
      throw new IOException(
          "no GitOps repository at " + repository + " yet (Fixer creates it when it starts)");
    }
    Path work = Files.createTempDirectory("gitops-");
    try {
      Path clone = work.resolve("repo");
      git(work, "clone", "-q", repository.toString(), clone.toString());
      Path edited = clone.resolve(file);
      Map<String, String> before = EnvFile.readAll(edited);
      EnvFile.write(edited, values);
      if (git(clone, "status", "--porcelain").isBlank()) {
        return Optional.empty();
      }
      List<ConfigChange> changes =
          values.entrySet().stream()
              .filter(value -> !value.getValue().equals(before.get(value.getKey())))
              .map(
                  value ->
                      new ConfigChange(
                          file, value.getKey(), before.get(value.getKey()), value.getValue()))
              .sorted(Comparator.comparing(ConfigChange::key))
              .toList();
      git(clone, "add", "--", file);
      git(
          clone,
          "-c",
          "user.name=operator",
          "-c",
          "user.email=operator@sre-space.local",
          "commit",
          "-q",
          "-am",
          message);
      git(clone, "push", "-q", "origin", "HEAD");
      keepOwner(repository, work);
      return Optional.of(new Committed(git(clone, "rev-parse", "HEAD").strip(), changes));
    } finally {
      try (var paths = Files.walk(work)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** The commit the repository's HEAD names, or "none" when there is no repository or commit. */
  public static String head(Path repository) throws InterruptedException {
    if (!Files.isDirectory(repository)) {
      return "none";
    }
    try {
      return git(repository, "rev-parse", "HEAD").strip();
    } catch (IOException noCommit) {
      return "none";
    }
  }

  /**
   * A git configuration that trusts the stack's repositories whoever owns them (in Compose the
   * GitOps repository is Fixer's, the containers' user): git refuses another user's repository
   * otherwise, and a clone from a local path does not pass {@code -c} options on to the side that
   * reads it. It stands in for the user's global configuration in this tool's git commands only.
   */
  private static synchronized String trust() throws IOException {
    if (trust == null) {
      Path file = Files.createTempFile("sre-space-git-", ".gitconfig");
      file.toFile().deleteOnExit();
      Files.writeString(file, "[safe]\n\tdirectory = *\n");
      trust = file.toString();
    }
    return trust;
  }

  /**
   * Gives what the push added to the repository its owner ({@code ours}: a folder this tool made):
   * in Compose the repository is Fixer's (the container's user), and a root operator's new objects
   * would be closed to it.
   */
  private static void keepOwner(Path repository, Path ours) throws IOException {
    Object uid = Files.getAttribute(repository, "unix:uid");
    Object gid = Files.getAttribute(repository, "unix:gid");
    if (uid.equals(Files.getAttribute(ours, "unix:uid"))) {
      return; // the repository is this tool's user's own (the local stack): nothing to give back
    }
    try (var paths = Files.walk(repository)) {
      for (Path path : paths.toList()) {
        if (!uid.equals(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
          Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  private static String git(Path directory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    HostCommand.Result result =
        HostCommand.run(command, directory, Map.of("GIT_CONFIG_GLOBAL", trust()), GIT_LIMIT);
    if (result.exit() != 0) {
      throw new IOException("git %s failed: %s".formatted(arguments[0], result.output().strip()));
    }
    return result.output();
  }
}
