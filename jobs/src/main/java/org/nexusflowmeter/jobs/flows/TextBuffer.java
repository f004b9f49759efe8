package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/** A growable byte buffer for text: bytes, ASCII strings and decimal numbers appended without a String each. */
final class TextBuffer {
  /** The tens and the ones digit of 0 to 99. */
  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private byte[] bytes;
  private int length;

  TextBuffer(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int length() {
    return length;
  }

  /** One byte (a char argument must be ASCII). */
  void append(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  void append(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
  }

  void append(UTF8String text) {
    int n = text.numBytes();
    ensure(n);
    text.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET + length);
    length += n;
  }

  void appendAscii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  void appendLong(long value) {
    if (value == Long.MIN_VALUE) {
      appendAscii(Long.toString(value));
      return;
    }
    if (value < 0) {
      append('-');
      value = -value;
    }
    // digits counted by comparisons, not divisions (10^18 is the last power of ten a long holds)
    int digits = 1;
    for (long power = 10; digits < 19 && value >= power; power *= 10) {
      digits++;
    }
    appendDigits(value, digits);
  }

  /**
   * The last {@code width} decimal digits of a non-negative {@code value}, zero-padded. Two digits a division,
   * and in int arithmetic once the rest fits an int (the JIT divides by a constant with a multiplication, a
   * 64-bit one for a long): a flow's CSV line is mostly digits, the doubles' 15 to 17 too.
   */
  void appendDigits(long value, int width) {
    ensure(width);
    int start = length;
    int at = start + width;
    length = at;
    while (at - start >= 2 && value > Integer.MAX_VALUE) {
      long rest = value / 100;
      int pair = (int) (value - rest * 100);
      bytes[--at] = ONES[pair];
      bytes[--at] = TENS[pair];
      value = rest;
    }
    // one digit left of a value still past an int: only its last digit is written
    int small = value > Integer.MAX_VALUE ? (int) (value % 10) : (int) value;
    while (at - start >= 2) {
      int rest = small / 100;
      int pair = small - rest * 100;
      bytes[--at] = ONES[pair];
      bytes[--at] = TENS[pair];
      small = rest;
    }
    if (at > start) {
      bytes[start] = (byte) ('0' + small % 10);
    }
  }

  /** A big-endian int, as DataInputStream reads it. */
  void appendInt(int value) {
    ensure(4);
    setInt(length, value);
    length += 4;
  }

  /** Overwrites the four bytes at {@code at} with a big-endian int. */
  void setInt(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  void clear() {
    length = 0;
  }

  /** The bytes themselves (valid up to {@link #length}, until the next append). */
  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
