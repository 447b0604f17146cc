package io.srespace.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A service's data directory on a filesystem of its own (a small tmpfs), as a container's volume
 * is: what fills it fills only it, and it outlives the service's restarts. Mounting needs root;
 * without it the directory is a plain folder, and faults that fill a volume are refused.
 */
public final class DataVolume {
  /** The volume's size: a few thousand policy documents, filled in a moment. */
  public static final String SIZE = "8m";

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private DataVolume() {}

  /**
   * Makes {@code directory} and mounts a tmpfs of {@link #SIZE} on it unless one is there; returns
   * whether it is a volume of its own now.
   */
  public static boolean prepare(Path directory) throws IOException {
    Files.createDirectories(directory);
    if (isVolume(directory)) {
      return true;
    }
    try {
      HostCommand.succeed(
          List.of(
              "mount",
              "-t",
              "tmpfs",
              "-o",
              "size=" + SIZE + ",mode=0755",
              "sre-space-data",
              directory.toString()),
          LIMIT);
      return true;
    } catch (IOException notRoot) {
      return false;
    }
  }

  /** Whether {@code directory} is the root of a filesystem of its own (a mount point). */
  public static boolean isVolume(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    Path real = directory.toRealPath();
    Path parent = real.getParent();
    return parent != null && !Files.getFileStore(real).equals(Files.getFileStore(parent));
  }

  /** Unmounts the volume on {@code directory}, when there is one (its data goes with it). */
  public static void release(Path directory) throws IOException {
    if (isVolume(directory)) {
      HostCommand.succeed(List.of("umount", directory.toString()), LIMIT);
    }
  }
}
