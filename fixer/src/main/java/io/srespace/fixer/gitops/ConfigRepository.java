package io.srespace.fixer.gitops;

import io.srespace.board.BoardException;
import io.srespace.board.CodeHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The services' deployed configuration as a git repository behind the {@link CodeHost} port: its
 * default branch is the truth a redeploy reads, and every change to it is a merged pull request.
 */
public final class ConfigRepository {
  private final CodeHost host;

  public ConfigRepository(CodeHost host) {
    this.host = host;
  }

  public CodeHost host() {
    return host;
  }

  /**
   * Commits each file under {@code seedFolder} that the default branch does not hold yet (a new
   * repository holds only its README; a seed can gain a new service's file later); returns the
   * paths committed, empty when every one was there.
   */
  public List<String> seedIfEmpty(Path seedFolder) {
    Map<String, String> files = new java.util.TreeMap<>(seedFiles(seedFolder));
    // A file already there is never overwritten; one the seed gained since (a new service's) is
    // added.
    files.keySet().removeIf(path -> read(path).isPresent());
    if (files.isEmpty()) {
      return List.of();
    }
    try {
      host.commit(
          host.defaultBranch(), "Seed the configuration from " + seedFolder.getFileName(), files);
    } catch (BoardException e) {
      throw new GitOpsException(
          "seeding %s from %s failed: %s"
              .formatted(host.defaultBranch(), seedFolder, e.getMessage()),
          e);
    }
    return List.copyOf(files.keySet());
  }

  /** The file's text on the default branch, if it is there. */
  public Optional<String> read(String file) {
    return read(host.defaultBranch(), file);
  }

  Optional<String> read(String branch, String file) {
    try {
      return host.read(branch, file);
    } catch (BoardException e) {
      throw new GitOpsException(
          "reading %s on %s failed: %s".formatted(file, branch, e.getMessage()), e);
    }
  }

  /**
   * The file's keys and values on the default branch: what a redeploy of its service sets.
   *
   * @throws GitOpsException when the file is missing, of no known format, or does not parse
   */
  public Map<String, String> environment(String file) {
    String text =
        read(file)
            .orElseThrow(
                () ->
                    new GitOpsException(
                        "%s is not on %s of the configuration repository"
                            .formatted(file, host.defaultBranch())));
    return parse(file, text);
  }

  static Map<String, String> parse(String file, String text) {
    ConfigFormat format =
        ConfigFormat.forFile(file)
            .orElseThrow(
                () ->
                    new GitOpsException(
                        "%s has no known format (%s)"
                            .formatted(file, ConfigFormat.knownExtensions())));
    try {
      return format.parse(text);
    } catch (ConfigFormatException e) {
      throw new GitOpsException("%s cannot be parsed: %s".formatted(file, e.getMessage()), e);
    }
  }

  private static Map<String, String> seedFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new GitOpsException("the seed folder " + folder + " does not exist");
    }
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        String relative = folder.relativize(path).toString().replace('\\', '/');
        files.put(relative, Files.readString(path));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new GitOpsException("reading the seed folder " + folder + " failed: " + e, e);
    }
    if (files.isEmpty()) {
      throw new GitOpsException("the seed folder " + folder + " holds no files");
    }
    return files;
  }
}
