package dev.herald.internal.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hex SHA-256 of text, for deterministic ids. Each thread keeps its own digest: looking one up
 * through the security providers costs more than hashing a short filter.
 */
public final class Sha256 {
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** 64 lower-case hex digits: the SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String hex(String text) {
    MessageDigest digest = DIGEST.get();
    // digest() resets it, so a failure half-way cannot leave state behind for the next call.
    return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
