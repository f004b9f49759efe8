package org.nexusflowmeter.pcap.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds capture files in memory for tests: classic pcap and pcapng, in either byte order, with the
 * oddities real files have (several pcapng sections of mixed byte order, if_tsresol/if_tsoffset, simple and
 * obsolete packet blocks, unknown blocks) and, through the raw methods, the damage they have too.
 *
 * <pre>{@code
 * CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).packet(tsNs, frame).write(path);
 * CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section().iface(1, 0, 9).epb(0, tsNs, frame).write(path);
 * }</pre>
 *
 * {@link Builder#offset()} gives the offset the next record or block will have, for asserting offsets.
 */
public final class CaptureFileWriter {
  private CaptureFileWriter() {}

  /** Classic pcap: global header with magic a1b2c3d4 (µs) or a1b23c4d (ns) written in byteOrder. */
  public static Pcap pcap(ByteOrder byteOrder, boolean nanos, int snapLen, int linkType) {
    return new Pcap(byteOrder, nanos, snapLen, linkType);
  }

  /** pcapng: starts empty; call {@link Pcapng#section()} for the first section header block. */
  public static Pcapng pcapng(ByteOrder byteOrder) {
    return new Pcapng(byteOrder);
  }

  /** The byte sink both formats share: fields in the current byte order. */
  @SuppressWarnings("unchecked")
  public abstract static class Builder<B extends Builder<B>> {
    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
    protected ByteOrder order;

    Builder(ByteOrder order) {
      this.order = order;
    }

    /** Offset in the file of the next thing written. */
    public long offset() {
      return out.size();
    }

    /** Appends bytes as they are: garbage, a cut record, anything the typed methods do not make. */
    public B raw(byte[] bytes) {
      out.writeBytes(bytes);
      return (B) this;
    }

    public byte[] bytes() {
      return out.toByteArray();
    }

    public Path write(Path target) throws IOException {
      Files.write(target, out.toByteArray());
      return target;
    }

    protected void u16(int v) {
      if (order == ByteOrder.BIG_ENDIAN) {
        out.write(v >>> 8);
        out.write(v);
      } else {
        out.write(v);
        out.write(v >>> 8);
      }
    }

    protected void u32(long v) {
      if (order == ByteOrder.BIG_ENDIAN) {
        u16((int) (v >>> 16) & 0xFFFF);
        u16((int) v & 0xFFFF);
      } else {
        u16((int) v & 0xFFFF);
        u16((int) (v >>> 16) & 0xFFFF);
      }
    }

    protected void u64(long v) {
      if (order == ByteOrder.BIG_ENDIAN) {
        u32(v >>> 32);
        u32(v);
      } else {
        u32(v);
        u32(v >>> 32);
      }
    }

    protected void pad4(int length) {
      for (int i = length; (i & 3) != 0; i++) {
        out.write(0);
      }
    }
  }

  /** Classic pcap file. */
  public static final class Pcap extends Builder<Pcap> {
    private final boolean nanos;

    Pcap(ByteOrder order, boolean nanos, int snapLen, int linkType) {
      super(order);
      this.nanos = nanos;
      u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L);
      u16(2);
      u16(4);
      u32(0); // thiszone
      u32(0); // sigfigs
      u32(snapLen & 0xFFFFFFFFL);
      u32(linkType & 0xFFFFFFFFL); // all 32 bits, so tests can set the FCS bits above the link type
    }

    /** A record of the whole frame; origLen = frame length. */
    public Pcap packet(long timestampNs, byte[] frame) {
      return packet(timestampNs, frame, frame.length);
    }

    /** A record of the given bytes with an original length that may exceed (or undercut) them. */
    public Pcap packet(long timestampNs, byte[] frame, long origLen) {
      long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
      long nanosOfSecond = Math.floorMod(timestampNs, 1_000_000_000L);
      return record(seconds, nanos ? nanosOfSecond : nanosOfSecond / 1000, frame.length, origLen, frame);
    }

    /** A record header with exactly these fields (any caplen, any fraction) followed by data as given. */
    public Pcap record(long seconds, long fraction, long capLen, long origLen, byte[] data) {
      u32(seconds);
      u32(fraction);
      u32(capLen);
      u32(origLen);
      out.writeBytes(data);
      return this;
    }
  }

  /** pcapng file: blocks in the byte order of the last {@link #section} call. */
  public static final class Pcapng extends Builder<Pcapng> {
    Pcapng(ByteOrder order) {
      super(order);
    }

    /** A section header block (version 1.0, section length -1) in the current byte order. */
    public Pcapng section() {
      return section(order);
    }

    /** A section header block in byteOrder; later blocks use that order. */
    public Pcapng section(ByteOrder byteOrder) {
      order = byteOrder;
      byte[] body = new byte[16];
      ByteOrderedBody b = new ByteOrderedBody(body, byteOrder);
      b.u32(0, 0x1A2B3C4DL);
      b.u16(4, 1);
      b.u16(6, 0);
      b.u64(8, -1L);
      return block(0x0A0D0D0A, body);
    }

    /** An interface description block without options (time resolution 10^-6 s). */
    public Pcapng iface(int linkType, int snapLen) {
      return iface(linkType, snapLen, -1, 0);
    }

    /** An interface with if_tsresol = tsresolByte (0..255, high bit = power of two). */
    public Pcapng iface(int linkType, int snapLen, int tsresolByte) {
      return iface(linkType, snapLen, tsresolByte, 0);
    }

    /**
     * An interface with if_tsresol (omitted when tsresolByte &lt; 0) and if_tsoffset in seconds (omitted
     * when 0).
     */
    public Pcapng iface(int linkType, int snapLen, int tsresolByte, long tsOffsetSeconds) {
      int optionsLength = (tsresolByte >= 0 ? 8 : 0) + (tsOffsetSeconds != 0 ? 12 : 0) + 4;
      byte[] body = new byte[8 + optionsLength];
      ByteOrderedBody b = new ByteOrderedBody(body, order);
      b.u16(0, linkType);
      b.u32(4, snapLen & 0xFFFFFFFFL);
      int at = 8;
      if (tsresolByte >= 0) {
        b.u16(at, 9);
        b.u16(at + 2, 1);
        body[at + 4] = (byte) tsresolByte;
        at += 8;
      }
      if (tsOffsetSeconds != 0) {
        b.u16(at, 14);
        b.u16(at + 2, 8);
        b.u64(at + 4, tsOffsetSeconds);
        at += 12;
      }
      // opt_endofopt: code 0, length 0, already zero
      return block(1, body);
    }

    /** An enhanced packet block of the whole frame; timestamp in the interface's units. */
    public Pcapng epb(int interfaceId, long timestamp, byte[] frame) {
      return epb(interfaceId, timestamp, frame.length, frame.length, frame);
    }

    public Pcapng epb(int interfaceId, long timestamp, byte[] frame, long origLen) {
      return epb(interfaceId, timestamp, frame.length, origLen, frame);
    }

    /** An enhanced packet block whose caplen field says capLen whatever data holds (data is padded to 4). */
    public Pcapng epb(int interfaceId, long timestamp, long capLen, long origLen, byte[] data) {
      byte[] body = new byte[20 + padded(data.length)];
      ByteOrderedBody b = new ByteOrderedBody(body, order);
      b.u32(0, interfaceId & 0xFFFFFFFFL);
      b.u32(4, timestamp >>> 32);
      b.u32(8, timestamp);
      b.u32(12, capLen);
      b.u32(16, origLen);
      System.arraycopy(data, 0, body, 20, data.length);
      return block(6, body);
    }

    /** A simple packet block: original length and the bytes given (padded to 4). */
    public Pcapng spb(byte[] frame, long origLen) {
      byte[] body = new byte[4 + padded(frame.length)];
      new ByteOrderedBody(body, order).u32(0, origLen);
      System.arraycopy(frame, 0, body, 4, frame.length);
      return block(3, body);
    }

    public Pcapng spb(byte[] frame) {
      return spb(frame, frame.length);
    }

    /** An obsolete packet block (type 2), drops count 0. */
    public Pcapng pb(int interfaceId, long timestamp, byte[] frame, long origLen) {
      byte[] body = new byte[20 + padded(frame.length)];
      ByteOrderedBody b = new ByteOrderedBody(body, order);
      b.u16(0, interfaceId);
      b.u16(2, 0);
      b.u32(4, timestamp >>> 32);
      b.u32(8, timestamp);
      b.u32(12, frame.length);
      b.u32(16, origLen);
      System.arraycopy(frame, 0, body, 20, frame.length);
      return block(2, body);
    }

    /** Any block: type, total length, body padded to 4, total length again. */
    public Pcapng block(int type, byte[] body) {
      int total = 12 + padded(body.length);
      u32(type & 0xFFFFFFFFL);
      u32(total);
      out.writeBytes(body);
      pad4(body.length);
      u32(total);
      return this;
    }

    private static int padded(int length) {
      return (length + 3) & ~3;
    }
  }

  /** Fixed-offset writes into a block body in a given byte order. */
  private static final class ByteOrderedBody {
    private final byte[] body;
    private final boolean bigEndian;

    ByteOrderedBody(byte[] body, ByteOrder order) {
      this.body = body;
      this.bigEndian = order == ByteOrder.BIG_ENDIAN;
    }

    void u16(int at, int v) {
      body[at + (bigEndian ? 0 : 1)] = (byte) (v >>> 8);
      body[at + (bigEndian ? 1 : 0)] = (byte) v;
    }

    void u32(int at, long v) {
      u16(at + (bigEndian ? 0 : 2), (int) (v >>> 16) & 0xFFFF);
      u16(at + (bigEndian ? 2 : 0), (int) v & 0xFFFF);
    }

    void u64(int at, long v) {
      u32(at + (bigEndian ? 0 : 4), v >>> 32);
      u32(at + (bigEndian ? 4 : 0), v);
    }
  }
}
