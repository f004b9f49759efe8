package org.nexusflowmeter.pcap.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Fixed-width unsigned fields read from a byte array in either byte order, without allocation. */
final class Bytes {
  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Bytes() {}

  static int u16(byte[] b, int i, boolean bigEndian) {
    return (bigEndian ? (short) SHORT_BE.get(b, i) : (short) SHORT_LE.get(b, i)) & 0xFFFF;
  }

  /** The 32-bit field as a signed int; callers compare it with Integer.compareUnsigned or widen it. */
  static int i32(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? (int) INT_BE.get(b, i) : (int) INT_LE.get(b, i);
  }

  static long u32(byte[] b, int i, boolean bigEndian) {
    return i32(b, i, bigEndian) & 0xFFFFFFFFL;
  }

  static long i64(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? (long) LONG_BE.get(b, i) : (long) LONG_LE.get(b, i);
  }

  static String hex32(int value) {
    String digits = Integer.toHexString(value);
    return "00000000".substring(digits.length()) + digits;
  }
}
