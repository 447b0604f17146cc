package io.srespace.brain.knowledge;

import io.srespace.knowledge.EnvFile;
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

  /**
   * The value of {@code key} in {@code file}, if the file exists and sets it; empty, too, when the
   * file is not a valid {@code KEY=value} file (then no value can be trusted).
   */
  public Optional<String> value(String file, String key) {
    try {
      return EnvFile.read(folder.resolve(file), key);
    } catch (EnvFile.Invalid e) {
      return Optional.empty();
    }
  }

  public Path folder() {
    return folder;
  }
}
