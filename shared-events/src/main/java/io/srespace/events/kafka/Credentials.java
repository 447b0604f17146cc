package io.srespace.events.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Secrets generated at first start into files only their owner can read: the Kafka users' passwords
 * ({@code <folder>/<user>.password}) and the stack's other tokens. Nothing is a constant of the
 * repository.
 */
public final class Credentials {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Credentials() {}

  /** A fresh random password: 24 characters of letters and digits. */
  public static String newPassword() {
    byte[] random = new byte[18];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace("-", "x");
  }

  /** The password of {@code user} kept in {@code folder}, made there on first use. */
  public static String password(Path folder, String user) {
    return generated(folder.resolve(user + ".password"));
  }

  /**
   * Writes {@code text} to {@code file}, replacing it, in a file only its owner can read from its
   * creation on (never readable by others, not even for a moment).
   */
  public static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(file, text);
  }

  /** Creates {@code folder} (and its parents) when missing, the folder itself owner-only. */
  public static void privateFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder.getParent());
      Files.createDirectory(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  /**
   * The password of {@code user} kept in {@code folder}, which must be there: what a client that
   * does not own the broker reads.
   *
   * @throws IllegalStateException naming the file when it is missing
   */
  public static String existingPassword(Path folder, String user) {
    return existing(folder.resolve(user + ".password"));
  }

  /**
   * The secret in {@code file}, which must be there.
   *
   * @throws IllegalStateException naming the file when it is missing
   */
  public static String existing(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the secret %s (./sre-space up makes it): %s".formatted(file, e.getMessage()),
          e);
    }
  }

  /**
   * The secret in {@code file}, made on first use with mode 0600 from its creation on (its folder
   * 0700 when it is new); an existing file others could read is made owner-only.
   */
  public static String generated(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        privateFolder(file.toAbsolutePath().getParent());
        writeOwnerOnly(file, newPassword());
      }
      if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        // An earlier version's file: it stays the same secret (a broker's data knows it),
        // owner-only.
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret " + file, e);
    }
  }
}
