package io.srespace.ops.stack;

import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents' secrets (the GitHub token and repository, the language model's key) in a file only
 * its owner reads, sourced by each agent's command: never in the supervisord configuration, a
 * command line or a log.
 */
final class Secrets {
  static final List<String> KEYS = List.of("GITHUB_TOKEN", "GITHUB_REPOSITORY", "OPENAI_API_KEY");

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private Secrets() {}

  static Path file(Stack stack) {
    return stack.home().resolve("secrets.env");
  }

  /**
   * A random secret of this stack in {@code <home>/<name>}, made on first use with mode 0600 from
   * its creation on.
   */
  static String generated(Stack stack, String name) throws IOException {
    Path file = stack.home().resolve(name);
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(
          file, Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace("-", "x"));
    }
    return Files.readString(file).strip();
  }

  /**
   * Writes the secrets set in {@code environment} and the stack's {@code generated} ones, or
   * removes the file when there are none.
   */
  static void write(Stack stack, Map<String, String> environment, Map<String, String> generated)
      throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>(generated);
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
    if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.delete(file);
      throw new IOException(file + " would be readable by others: not written");
    }
  }
}
