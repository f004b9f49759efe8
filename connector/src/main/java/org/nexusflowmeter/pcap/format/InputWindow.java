package org.nexusflowmeter.pcap.format;

import java.io.IOException;

/**
 * A reusable buffer over a {@link CaptureInput} that keeps a window of the file in memory: callers ask
 * for the bytes [offset, offset + n) and then read them straight from {@link #bytes} at
 * {@link #index(long)}. Refills compact the unread tail to the front; far forward jumps seek on seekable
 * input instead of reading; the array grows only when a request is larger than it, and never beyond
 * {@link #MAX_CAPACITY}.
 */
final class InputWindow {
  static final int INITIAL_CAPACITY = 256 * 1024;
  /** Large enough for the largest pcapng block or classic record plus a proof window. */
  static final int MAX_CAPACITY = CaptureLimits.MAX_BLOCK_LENGTH + (4 << 20);
  private static final int GROWTH_PAGE = 4096;

  private final CaptureInput input;
  /** The window's bytes; valid from index 0 to {@link #limit}, holding file bytes from {@link #base}. */
  byte[] bytes;
  private long base;
  private int limit;
  /** File offset of the end of input, once a read has returned -1; -1 before that. */
  private long endOfInput = -1;

  InputWindow(CaptureInput input, long position) {
    this.input = input;
    this.bytes = new byte[INITIAL_CAPACITY];
    this.base = position;
  }

  /** Index in {@link #bytes} of a file offset inside the window. */
  int index(long offset) {
    return (int) (offset - base);
  }

  /** File offset of the end of input if it has been reached, else -1. */
  long endOfInput() {
    return endOfInput;
  }

  /**
   * Makes the file bytes [offset, offset + n) available in the window as far as the file has them;
   * returns how many of them are there (n unless the input ends first). Earlier window contents are
   * invalidated. n must not exceed {@link #MAX_CAPACITY}.
   */
  int require(long offset, int n) throws IOException {
    if (offset >= base && offset + n <= base + limit) {
      return n;
    }
    return refill(offset, n);
  }

  private int refill(long offset, int n) throws IOException {
    if (n > MAX_CAPACITY) {
      throw new IllegalArgumentException("window request of " + n + " bytes above " + MAX_CAPACITY);
    }
    long windowEnd = base + limit;
    if (offset < base || offset > windowEnd) {
      moveTo(offset);
    }
    int at = index(offset);
    if (endOfInput >= 0) {
      return (int) Math.max(0, Math.min(n, endOfInput - offset));
    }
    if (n > bytes.length - at) {
      compactFrom(at, n);
      at = 0;
    }
    while (limit - at < n) {
      int read = input.read(bytes, limit, bytes.length - limit);
      if (read < 0) {
        endOfInput = base + limit;
        break;
      }
      limit += read;
    }
    return Math.min(n, limit - at);
  }

  /** Puts offset inside the window: a seek when seekable, else reading forward and dropping bytes. */
  private void moveTo(long offset) throws IOException {
    long windowEnd = base + limit;
    if (input.seekable() && (offset < base || offset - windowEnd > bytes.length)) {
      input.seek(offset);
      base = offset;
      limit = 0;
      endOfInput = -1;
      return;
    }
    if (offset < base) {
      throw new IOException("cannot go back to offset " + offset + " in a stream already at " + windowEnd);
    }
    base = windowEnd;
    limit = 0;
    while (base < offset && endOfInput < 0) {
      int read = input.read(bytes, 0, (int) Math.min(bytes.length, offset - base));
      if (read < 0) {
        endOfInput = base;
      } else {
        base += read;
      }
    }
    if (base > offset) {
      throw new IllegalStateException("read past the requested offset");
    }
    if (endOfInput >= 0 && offset > endOfInput) {
      base = offset; // nothing there; keep the invariant base <= offset
    }
  }

  /**
   * Moves the bytes from index at to the front, growing the array when n bytes will not fit: by half, or to n
   * rounded up to a page when that is more. Not by doubling: the proof window of a 64 KiB snaplen (about 450
   * KiB) then fits in an array below G1's humongous size (half a region, 512 KiB at this project's heap
   * sizes), which a doubled 512 KiB array is not; every split's reader grows its window once.
   */
  private void compactFrom(int at, int n) {
    int kept = limit - at;
    byte[] target = bytes;
    if (n > bytes.length) {
      long pages = ((long) n + GROWTH_PAGE - 1) / GROWTH_PAGE * GROWTH_PAGE;
      target = new byte[(int) Math.min(Math.max((long) bytes.length * 3 / 2, pages), MAX_CAPACITY)];
    }
    System.arraycopy(bytes, at, target, 0, kept);
    bytes = target;
    base += at;
    limit = kept;
  }
}
