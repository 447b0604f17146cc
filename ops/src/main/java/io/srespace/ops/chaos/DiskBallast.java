package io.srespace.ops.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalDouble;

/**
 * A service's data volume filled to the last byte by one file, as a runaway log or export fills a
 * disk: every write the service tries then fails with "No space left on device" until the file is
 * removed. A restart changes nothing: the file is on the volume, not in the process.
 */
final class DiskBallast {
  static final String NAME = ".chaos-ballast";

  private DiskBallast() {}

  /** Fills the volume on {@code directory}; returns the ballast's size in MiB. */
  static double fill(Path directory) throws IOException {
    Path ballast = directory.resolve(NAME);
    try (OutputStream out =
        Files.newOutputStream(ballast, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      // Large blocks first, then smaller ones into what is left, down to one page.
      for (int block = 1 << 20; block >= 4096; block /= 4) {
        byte[] zeros = new byte[block];
        try {
          while (true) {
            out.write(zeros);
            out.flush();
          }
        } catch (IOException full) {
          // this size no longer fits: try a smaller one
        }
      }
    } catch (IOException full) {
      // closing a file whose last block did not fit may fail too; the volume is full either way
    }
    return mebibytes(directory)
        .orElseThrow(() -> new IOException("nothing could be written to " + directory));
  }

  /** Removes the ballast; true when there was one. */
  static boolean remove(Path directory) throws IOException {
    return Files.deleteIfExists(directory.resolve(NAME));
  }

  /** The ballast's size in MiB, when there is one. */
  static OptionalDouble mebibytes(Path directory) {
    try {
      Path ballast = directory.resolve(NAME);
      return Files.exists(ballast)
          ? OptionalDouble.of(Files.size(ballast) / (1024.0 * 1024.0))
          : OptionalDouble.empty();
    } catch (IOException e) {
      return OptionalDouble.empty();
    }
  }
}
