package io.srespace.board.approval;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An approval (or denial) a person signs with their own Ed25519 key, bound to one action on one
 * issue and valid until a time: the comment line {@code /approve act-1 on #12 until
 * 2026-12-03T18:40:00Z by alice sig:BASE64}. Whoever can write to the board can write the line;
 * only the holder of alice's private key can make its signature.
 */
public record SignedApproval(
    boolean approve, String actionId, int issue, Instant until, String approver, String signature) {

  private static final Pattern LINE =
      Pattern.compile(
          "(?m)^\\s*/(approve|deny)\\s+(\\S+)\\s+on\\s+#(\\d+)\\s+until\\s+(\\S+)\\s+by\\s+"
              + "([A-Za-z0-9._-]{1,64})\\s+sig:([A-Za-z0-9+/=]{1,200})\\s*$");
  private static final String ALGORITHM = "Ed25519";

  /** The longest an answer may be valid for. */
  public static final Duration LONGEST = Duration.ofHours(1);

  /** A person's new key pair. */
  public static KeyPair newKeys() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
    }
  }

  /** Signs the answer to {@code actionId} on {@code issue} as {@code approver}. */
  public static SignedApproval sign(
      boolean approve, String actionId, int issue, Instant until, String approver, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(text(approve, actionId, issue, until, approver));
      return new SignedApproval(
          approve,
          actionId,
          issue,
          until,
          approver,
          Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + approver + "'s key: " + e, e);
    }
  }

  /** The signed command in a comment, if it holds one for {@code actionId}. */
  public static Optional<SignedApproval> find(String comment, String actionId) {
    Matcher m = LINE.matcher(comment);
    while (m.find()) {
      if (!m.group(2).equals(actionId)) {
        continue;
      }
      try {
        return Optional.of(
            new SignedApproval(
                m.group(1).equals("approve"),
                m.group(2),
                Integer.parseInt(m.group(3)),
                Instant.parse(m.group(4)),
                m.group(5),
                m.group(6)));
      } catch (DateTimeParseException | NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether {@code key} made this signature over this very answer. */
  public boolean signedBy(PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(text(approve, actionId, issue, until, approver));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Why this answer does not hold for {@code issue} at {@code now} — signed for another issue,
   * expired, or valid for longer than {@link #LONGEST} — or empty when it does. Whose signature it
   * bears is {@link #signedBy}'s question.
   */
  public Optional<String> outOfTerms(int issue, Instant now) {
    if (this.issue != issue) {
      return Optional.of("the answer was signed for issue #%d".formatted(this.issue));
    }
    if (!until.isAfter(now)) {
      return Optional.of("the answer expired at " + until);
    }
    if (until.isAfter(now.plus(LONGEST))) {
      return Optional.of("an answer may be valid for at most " + LONGEST.toMinutes() + " minutes");
    }
    return Optional.empty();
  }

  /** The comment line. */
  public String line() {
    return "/%s %s on #%d until %s by %s sig:%s"
        .formatted(approve ? "approve" : "deny", actionId, issue, until, approver, signature);
  }

  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static String encode(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  private static byte[] text(
      boolean approve, String actionId, int issue, Instant until, String approver) {
    return "%s %s on #%d until %s by %s"
        .formatted(approve ? "approve" : "deny", actionId, issue, until, approver)
        .getBytes(StandardCharsets.UTF_8);
  }
}
