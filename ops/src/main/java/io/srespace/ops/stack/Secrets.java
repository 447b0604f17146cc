package io.srespace.ops.stack;

import io.srespace.events.kafka.Credentials;
import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** The secrets of one part alone (its Kafka password, Fixer's supervisord login). */
  static Path file(Stack stack, String part) {
    return stack.home().resolve("secrets").resolve(part + ".env");
  }

  /** Writes {@code part}'s own secrets file, owner-only. */
  static void writeOwn(Stack stack, String part, Map<String, String> secrets) throws IOException {
    Path file = file(stack, part);
    Credentials.privateFolder(file.getParent());
    Files.deleteIfExists(file);
    EnvFile.write(file, secrets);
    requireOwnerOnly(file);
  }

  /**
   * A random secret of this stack in {@code <home>/<name>}, made on first use with mode 0600 from
   * its creation on.
   */
  static String generated(Stack stack, String name) {
    return Credentials.generated(stack.home().resolve(name));
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
    requireOwnerOnly(file);
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.delete(file);
      throw new IOException(file + " would be readable by others: not written");
    }
  }
}
