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
   * file is not a valid {@code KEY=value} file (then no value can be trusted), and when the name is
   * not a plain file name in the folder (a name from a recalled post-mortem is not a path to read).
   */
  public Optional<String> value(String file, String key) {
    if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || file.contains("..")) {
      return Optional.empty();
    }
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
