package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/** A growable byte buffer for text: bytes, ASCII strings and decimal numbers appended without a String each. */
final class TextBuffer {
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
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    appendDigits(value, digits);
  }

  /** The last {@code width} decimal digits of a non-negative {@code value}, zero-padded. */
  void appendDigits(long value, int width) {
    ensure(width);
    for (int i = length + width - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
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
