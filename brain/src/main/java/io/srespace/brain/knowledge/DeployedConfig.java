package io.srespace.brain.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The services' deployed configuration as the GitOps folder has it ({@code KEY=value} files), so a
 * proposed change can say which value it replaces.
 */
public final class DeployedConfig {
  private final Path folder;

  public DeployedConfig(Path folder) {
    this.folder = folder;
  }

  /** The value of {@code key} in {@code file}, if the file exists and sets it. */
  public Optional<String> value(String file, String key) {
    Path path = folder.resolve(file);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Files.readAllLines(path).stream()
          .map(String::strip)
          .filter(line -> !line.startsWith("#") && line.startsWith(key + "="))
          .map(line -> line.substring(key.length() + 1).strip())
          .reduce((first, last) -> last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public Path folder() {
    return folder;
  }
}
