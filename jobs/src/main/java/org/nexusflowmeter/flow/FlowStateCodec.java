package org.nexusflowmeter.flow;

import java.util.Arrays;

/**
 * A {@link FlowState} as bytes and back, so a flow part can cross a shuffle: every field the row, a later
 * {@link FlowState#absorb} or a {@link FlowSeam} check reads. Longs are zigzag varints (most counters fit in one
 * or two bytes); the fields that only steer the join log while packets are still added are not kept, because a
 * decoded state takes no more packets.
 */
final class FlowStateCodec {
  private static final int MAX_VARLONG_BYTES = 10;

  private FlowStateCodec() {}

  /** A buffer's size that holds most states (the control log is at most 256 bytes). */
  static final int FIRST_CAPACITY = 64 + 2 * 7 * MAX_VARLONG_BYTES;

  static byte[] encode(FlowState s) {
    Writer out = new Writer(FIRST_CAPACITY + s.controlLogLength);
    encode(s, out);
    return out.toArray();
  }

  /** Appends {@code s}'s bytes to {@code out}. */
  static void encode(FlowState s, Writer out) {
    for (int side = 0; side < 2; side++) {
      out.varlong(s.packets(side));
      out.varlong(s.bytes(side));
      out.varlong(s.payload(side));
    }
    out.varlong(s.firstNanos);
    out.varlong(s.lastNanos - s.firstNanos);
    out.varlong(s.firstOrder);
    out.varlong(s.lastOrder);
    out.varlong(s.minSize);
    out.varlong(s.maxSize);
    out.varlong(s.minGapNanos);
    out.varlong(s.maxGapNanos);
    out.varlong(s.synCount);
    out.varlong(s.finCount);
    out.varlong(s.rstCount);
    out.varlong(s.ackCount);
    out.varlong(s.flagsSeen);
    out.varlong(s.firstSide);
    out.varlong(s.firstPureSynSide);
    out.varlong(s.pureSynFinMasks);
    // flag bits 4 and 5: the sides' FINs, as the fins field holds them
    out.varlong((s.tcp ? 1 : 0) | (s.firstIsSynAck ? 2 : 0) | (s.firstIsPureSyn ? 4 : 0) | (s.rstSeen ? 8 : 0)
        | s.fins << 4 | (s.recordControlLog ? 64 : 0) | (s.controlLogOverflow ? 128 : 0));
    encode(s.connOrig0, out);
    encode(s.connOrig1, out);
    out.varlong(s.controlLogLength);
    out.bytes(s.controlLog, s.controlLogLength);
  }

  /** @throws IllegalArgumentException when {@code in} is not what {@link #encode} wrote */
  static FlowState decode(byte[] in) {
    Reader r = new Reader(in);
    FlowState s = new FlowState();
    for (int side = 0; side < 2; side++) {
      s.setCounts(side, r.varlong(), r.varlong(), r.varlong());
    }
    s.firstNanos = r.varlong();
    s.lastNanos = s.firstNanos + r.varlong();
    s.firstOrder = r.varlong();
    s.lastOrder = r.varlong();
    s.minSize = r.varlong();
    s.maxSize = r.varlong();
    s.minGapNanos = r.varlong();
    s.maxGapNanos = r.varlong();
    s.synCount = r.varlong();
    s.finCount = r.varlong();
    s.rstCount = r.varlong();
    s.ackCount = r.varlong();
    s.flagsSeen = (int) r.varlong();
    s.firstSide = (int) r.varlong();
    s.firstPureSynSide = (int) r.varlong();
    s.pureSynFinMasks = (int) r.varlong();
    long flags = r.varlong();
    s.tcp = bit(flags, 0);
    s.firstIsSynAck = bit(flags, 1);
    s.firstIsPureSyn = bit(flags, 2);
    s.rstSeen = bit(flags, 3);
    s.fins = (int) (flags >>> 4) & 3;
    s.recordControlLog = bit(flags, 6);
    s.controlLogOverflow = bit(flags, 7);
    decode(r, s.connOrig0);
    decode(r, s.connOrig1);
    long logLength = r.varlong();
    if (logLength < 0 || logLength > r.remaining()) {
      throw new IllegalArgumentException("control log length " + logLength + " past the end of the flow state");
    }
    s.controlLogLength = (int) logLength;
    s.controlLog = logLength == 0 ? null : r.bytes((int) logLength);
    if (r.remaining() != 0) {
      throw new IllegalArgumentException(r.remaining() + " bytes after the flow state");
    }
    return s;
  }

  private static void encode(ZeekConnState z, Writer out) {
    out.varlong(z.origState);
    out.varlong(z.origPrevious);
    out.varlong(z.respState);
    out.varlong(z.respPrevious);
    out.varlong(z.historyPattern);
    out.varlong((z.origSentData ? 1 : 0) | (z.respSentData ? 2 : 0));
  }

  private static void decode(Reader r, ZeekConnState z) {
    z.origState = (int) r.varlong();
    z.origPrevious = (int) r.varlong();
    z.respState = (int) r.varlong();
    z.respPrevious = (int) r.varlong();
    z.historyPattern = (int) r.varlong();
    long sent = r.varlong();
    z.origSentData = bit(sent, 0);
    z.respSentData = bit(sent, 1);
  }

  private static boolean bit(long bits, int i) {
    return (bits & (1L << i)) != 0;
  }

  /** A growing byte buffer the encoding is appended to. */
  static final class Writer {
    private byte[] buf;
    private int length;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    /** Empties the buffer, keeping its array. */
    void reset() {
      length = 0;
    }

    /** The array holding the bytes written, {@code [0, length())}; replaced when the buffer grows. */
    byte[] array() {
      return buf;
    }

    int length() {
      return length;
    }

    void varlong(long value) {
      ensure(MAX_VARLONG_BYTES);
      long v = (value << 1) ^ (value >> 63);
      while ((v & ~0x7FL) != 0) {
        buf[length++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[length++] = (byte) v;
    }

    void bytes(byte[] source, int count) {
      ensure(count);
      if (count > 0) {
        System.arraycopy(source, 0, buf, length, count);
      }
      length += count;
    }

    private void ensure(int more) {
      if (length + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, length);
    }
  }

  private static final class Reader {
    private final byte[] buf;
    private int position;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position == buf.length) {
          throw new IllegalArgumentException("flow state ends inside a number at byte " + position);
        }
        byte b = buf[position++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return (v >>> 1) ^ -(v & 1);
        }
      }
      throw new IllegalArgumentException("number longer than 10 bytes at byte " + position);
    }

    int remaining() {
      return buf.length - position;
    }

    byte[] bytes(int count) {
      byte[] out = Arrays.copyOfRange(buf, position, position + count);
      position += count;
      return out;
    }
  }
}
