package org.nexusflowmeter.jobs.flows;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the records of a stretch of a sorted run ({@link SortedRunWriter}'s frames) one after another: its next
 * record's key and text, and where that record starts. Ordered by the next record's key (unsigned bytes), ties
 * to the lower rank, as a stable sort would order records of different runs.
 */
final class SortedRunReader implements Comparable<SortedRunReader>, AutoCloseable {
  private static final int STREAM_BUFFER = 1 << 16;
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  final int rank;
  /** Read in blocks into {@link #buffer} and framed here: a record is two ints and two copies, no stream calls. */
  private final InputStream in;
  private final byte[] buffer = new byte[STREAM_BUFFER];
  private int bufferStart;
  private int bufferEnd;
  private final long end;
  /** Where the next record to read starts; after {@link #advance}, where the record just read ends. */
  private long position;
  /** Where the record just read starts. */
  long recordStart;
  byte[] key = new byte[64];
  int keyLength;
  /**
   * The key's first 16 bytes as two unsigned big-endian numbers, zeros after its end: keys nearly always differ
   * within them (a flow order's first column), so the merge's comparisons are mostly of two numbers, not of
   * byte ranges.
   */
  private long head0;
  private long head1;
  byte[] row = new byte[1024];
  int rowLength;

  /** The records of {@code file} from byte {@code start} (a record's start) to {@code end}. */
  SortedRunReader(int rank, Path file, long start, long end) throws IOException {
    this.rank = rank;
    InputStream stream = Files.newInputStream(file);
    try {
      stream.skipNBytes(start);
    } catch (IOException e) {
      stream.close();
      throw e;
    }
    this.in = stream;
    this.position = start;
    this.end = end;
  }

  /** Reads the next record; false at the end of the stretch. */
  boolean advance() throws IOException {
    if (position == end) {
      return false;
    }
    int length = readInt();
    keyLength = readInt();
    rowLength = length - keyLength;
    if (key.length < keyLength) {
      key = new byte[keyLength * 2];
    }
    if (row.length < rowLength) {
      row = new byte[rowLength * 2];
    }
    read(key, keyLength);
    head0 = word(key, 0, keyLength);
    head1 = word(key, 8, keyLength);
    read(row, rowLength);
    recordStart = position;
    position += 8L + length;
    return true;
  }

  private int readInt() throws IOException {
    if (bufferEnd - bufferStart < Integer.BYTES) {
      fill(Integer.BYTES);
    }
    byte[] b = buffer;
    int i = bufferStart;
    bufferStart += Integer.BYTES;
    return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
  }

  /** Copies the next {@code length} bytes into {@code into}. */
  private void read(byte[] into, int length) throws IOException {
    int copied = Math.min(length, bufferEnd - bufferStart);
    System.arraycopy(buffer, bufferStart, into, 0, copied);
    bufferStart += copied;
    while (copied < length) {
      fill(1);
      int more = Math.min(length - copied, bufferEnd - bufferStart);
      System.arraycopy(buffer, bufferStart, into, copied, more);
      bufferStart += more;
      copied += more;
    }
  }

  /** Moves what is left to the buffer's start and reads until at least {@code needed} bytes are there. */
  private void fill(int needed) throws IOException {
    int left = bufferEnd - bufferStart;
    System.arraycopy(buffer, bufferStart, buffer, 0, left);
    bufferStart = 0;
    bufferEnd = left;
    while (bufferEnd < needed) {
      int read = in.read(buffer, bufferEnd, buffer.length - bufferEnd);
      if (read < 0) {
        throw new EOFException("a sorted run ends inside a record");
      }
      bufferEnd += read;
    }
  }

  /** The last record read's key against {@code other} (unsigned bytes). */
  int compareKey(byte[] other) {
    return Arrays.compareUnsigned(key, 0, keyLength, other, 0, other.length);
  }

  @Override
  public int compareTo(SortedRunReader other) {
    // zeros after a key's end: two heads that differ order the keys as their bytes do; equal heads may still be
    // keys of different lengths, which only the bytes tell apart
    int order = Long.compareUnsigned(head0, other.head0);
    if (order == 0) {
      order = Long.compareUnsigned(head1, other.head1);
    }
    if (order == 0) {
      order = Arrays.compareUnsigned(key, 0, keyLength, other.key, 0, other.keyLength);
    }
    return order != 0 ? order : Integer.compare(rank, other.rank);
  }

  /** Bytes {@code from} to {@code from + 7} of the key's {@code length}, big-endian, zeros past the end. */
  private static long word(byte[] key, int from, int length) {
    if (from + Long.BYTES <= length) {
      return (long) BIG_ENDIAN_LONG.get(key, from);
    }
    long word = 0;
    for (int i = from; i < from + Long.BYTES; i++) {
      word = word << 8 | (i < length ? key[i] & 0xFF : 0);
    }
    return word;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
