package io.srespace.brain.core.nezha;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared Nezha dataset beside the checkout, for the tests that score on it. */
final class SharedDataset {

  private SharedDataset() {}

  /** The first {@code shared/datasets/nezha} upward; the test is skipped, saying so, without. */
  static Path require() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets").resolve("nezha");
      if (Files.isDirectory(candidate.resolve("rca"))) {
        return candidate;
      }
    }
    Assumptions.abort(
        "skipped: ../shared/datasets/nezha is absent (no shared/datasets/nezha above "
            + Path.of("").toAbsolutePath()
            + ")");
    return null;
  }
}
