package org.nexusflowmeter.jobs.files;

import java.io.IOException;

/**
 * A writer's hidden files beside its target (see {@link HiddenSibling}), deleted after its write whether the write
 * succeeded or not, so that errors keep what the user needs: after a failed write, a failure to delete them is
 * added to the write's error as suppressed instead of being thrown in its place (a directory or a file that cannot
 * be deleted at the hidden name would otherwise hide why the write failed); after a write that succeeded, it is the
 * error.
 */
public final class HiddenFiles {
  private HiddenFiles() {}

  /** A write into hidden files, ending with a rename onto its target. */
  public interface Write<T> {
    T write() throws IOException;
  }

  /** The deletion of the hidden files a write may leave. */
  public interface Deletion {
    void delete() throws IOException;
  }

  /** Runs {@code write}, then {@code deletion}; returns what the write returned. */
  public static <T> T deletedAfter(Write<T> write, Deletion deletion) throws IOException {
    T written;
    try {
      written = write.write();
    } catch (Throwable failure) {
      // Spark's job failures too (checked SparkExceptions thrown undeclared from Scala): rethrown as they are
      try {
        deletion.delete();
      } catch (IOException | RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    deletion.delete();
    return written;
  }
}
