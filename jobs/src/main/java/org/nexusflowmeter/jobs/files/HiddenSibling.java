package org.nexusflowmeter.jobs.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hidden file or directory a writer uses beside its target while it writes, before it renames the result
 * onto the target: {@code .<target name><suffix>}, e.g. {@code .flows.csv.partial}.
 *
 * <p>A target's name may take the whole 255 bytes a file name has on Linux file systems (ext4, XFS, Btrfs,
 * tmpfs), so the hidden name, a few bytes longer, may not fit. A hidden name that fits in 255 bytes of UTF-8 is
 * kept as it is, so ordinary targets keep the names users may have seen. A longer one keeps as much of the
 * target's name as fits, cut between two characters (never inside one's UTF-8 bytes), then {@code ~} and 16 hex
 * digits of the SHA-256 of the whole name, then the suffix: {@code .<name cut>~<hash><suffix>}, exactly 255 bytes
 * or (after a cut before a multi-byte character) up to 3 less. The hash keeps apart two long targets in one
 * directory whose names share the part kept, which would otherwise write into the same hidden file.
 */
public final class HiddenSibling {
  /** 64 bits: two different names in one directory share a hash with a chance of about 1 in 10^19. */
  private static final int HASH_BYTES = 8;
  private static final String HASH_MARK = "~";

  private HiddenSibling() {}

  /** The hidden path beside {@code target} (which has a file name) for the writer's {@code suffix}. */
  public static Path of(Path target, String suffix) {
    String name = target.getFileName().toString();
    String whole = "." + name + suffix;
    if (FileNameLength.bytes(whole) <= FileNameLength.MAX_BYTES) {
      return target.resolveSibling(whole);
    }
    String hashAndSuffix = HASH_MARK + hash(name) + suffix;
    int room = FileNameLength.MAX_BYTES - 1 - FileNameLength.bytes(hashAndSuffix);
    if (room < 0) {
      throw new IllegalArgumentException("suffix too long for a hidden name: " + suffix);
    }
    return target.resolveSibling("." + utf8Prefix(name, room) + hashAndSuffix);
  }

  /** The longest prefix of {@code text} of whole characters that takes at most {@code bytes} bytes of UTF-8. */
  private static String utf8Prefix(String text, int bytes) {
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int character = text.codePointAt(end);
      used += FileNameLength.bytes(Character.toString(character));
      if (used > bytes) {
        break;
      }
      end += Character.charCount(character);
    }
    return text.substring(0, end);
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, HASH_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
