package org.nexusflowmeter.jobs.files;

import java.nio.charset.StandardCharsets;

/**
 * How long a file name may be: 255 bytes on the common Linux file systems (ext4, XFS, Btrfs, tmpfs), which count
 * a name's bytes of UTF-8, not its characters. A constant, because Java has no call that asks a file system for
 * its own limit; a file system with a lower one still fails the write itself.
 */
public final class FileNameLength {
  /** The longest file name, in bytes. */
  public static final int MAX_BYTES = 255;

  private FileNameLength() {}

  /** The length of {@code name} as a file system counts it: its bytes of UTF-8. */
  public static int bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }
}
