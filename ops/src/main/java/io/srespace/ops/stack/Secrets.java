package io.srespace.ops.stack;

import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents' secrets (the GitHub token and repository, the language model's key) in a file only
 * its owner reads, sourced by each agent's command: never in the supervisord configuration, a
 * command line or a log.
 */
final class Secrets {
  static final List<String> KEYS = List.of("GITHUB_TOKEN", "GITHUB_REPOSITORY", "OPENAI_API_KEY");

  private Secrets() {}

  static Path file(Stack stack) {
    return stack.home().resolve("secrets.env");
  }

  /** Writes the secrets set in {@code environment}, or removes the file when none is. */
  static void write(Stack stack, Map<String, String> environment) throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String key : KEYS) {
      String value = environment.getOrDefault(key, "");
      if (!value.isBlank()) {
        secrets.put(key, value);
      }
    }
    Path file = file(stack);
    Files.deleteIfExists(file);
    if (secrets.isEmpty()) {
      return;
    }
    // Written through a temporary file, which Java creates readable by its owner only.
    EnvFile.write(file, secrets);
    if (!Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"))) {
      Files.delete(file);
      throw new IOException(file + " would be readable by others: not written");
    }
  }
}
