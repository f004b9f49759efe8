package org.nexusflowmeter.flow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The texts a flow row takes from its key, as ASCII bytes in one reused array: the source and destination
 * addresses and the flow id ({@code src <-> dst (PROTO)}, {@code ip:port} or {@code [ipv6]:port} for an endpoint
 * with ports, {@code " #n"} after the id of a key's n-th flow, n > 1). A job that writes rows as bytes takes them
 * from here, with no String per flow; {@link FlowRecord}'s String getters are made from the same bytes.
 */
public final class FlowTexts {
  private static final int PORT_DIGITS = 5;

  private final byte[] address = new byte[16];
  private final byte[] formatted = new byte[AddressText.MAX_LENGTH];
  private byte[] text = new byte[256];
  private int srcEnd;
  private int dstEnd;
  private int idEnd;

  /** Writes the texts of the {@code flowNumber}-th flow (from 1) of {@code key}, whose initiator is {@code srcSide}. */
  public FlowTexts set(FlowKey key, int srcSide, int flowNumber) {
    int dstSide = 1 - srcSide;
    srcEnd = address(key, srcSide, 0);
    dstEnd = address(key, dstSide, srcEnd);
    int at = endpoint(key, srcSide, 0, srcEnd, dstEnd);
    at = ascii(" <-> ", at);
    at = endpoint(key, dstSide, srcEnd, dstEnd, at);
    at = ascii(" (", at);
    at = ascii(key.protocolName(), at);
    at = ascii(")", at);
    if (flowNumber > 1) {
      at = ascii(" #" + flowNumber, at);
    }
    idEnd = at;
    return this;
  }

  /** The array the texts are in, valid until the next {@link #set}. */
  public byte[] bytes() {
    return text;
  }

  /** The source address is bytes()[0, srcIpEnd()). */
  public int srcIpEnd() {
    return srcEnd;
  }

  /** The destination address is bytes()[srcIpEnd(), dstIpEnd()). */
  public int dstIpEnd() {
    return dstEnd;
  }

  /** The flow id is bytes()[dstIpEnd(), flowIdEnd()). */
  public int flowIdEnd() {
    return idEnd;
  }

  public String srcIp() {
    return string(0, srcEnd);
  }

  public String dstIp() {
    return string(srcEnd, dstEnd);
  }

  public String flowId() {
    return string(dstEnd, idEnd);
  }

  private String string(int from, int to) {
    return new String(text, from, to - from, StandardCharsets.US_ASCII);
  }

  /**
   * Writes a side's address at {@code at}: dotted quad or RFC 5952 IPv6 (the packet table's text), hex bytes
   * joined by ':' for the other lengths an ARP packet may declare.
   */
  private int address(FlowKey key, int side, int at) {
    long high = side == 0 ? key.addrHigh0 : key.addrHigh1;
    long low = side == 0 ? key.addrLow0 : key.addrLow1;
    for (int i = 0; i < 8; i++) {
      address[i] = (byte) (high >>> (56 - 8 * i));
      address[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    int length = key.addressLength;
    int from = address.length - length;
    if (length == 4 || length == 16) {
      int n = AddressText.ip(address, from, length, formatted);
      ensure(at, n);
      System.arraycopy(formatted, 0, text, at, n);
      return at + n;
    }
    ensure(at, 3 * length);
    for (int i = from; i < address.length; i++) {
      if (i > from) {
        text[at++] = ':';
      }
      text[at++] = (byte) Character.forDigit((address[i] >> 4) & 0xF, 16);
      text[at++] = (byte) Character.forDigit(address[i] & 0xF, 16);
    }
    return at;
  }

  /** Writes the endpoint of the side whose address is text[from, to) at {@code at}. */
  private int endpoint(FlowKey key, int side, int from, int to, int at) {
    ensure(at, to - from + 3 + PORT_DIGITS);
    boolean ports = key.hasPorts();
    boolean bracketed = ports && key.addressLength == 16;
    if (bracketed) {
      text[at++] = '[';
    }
    System.arraycopy(text, from, text, at, to - from);
    at += to - from;
    if (bracketed) {
      text[at++] = ']';
    }
    if (ports) {
      text[at++] = ':';
      at = digits(key.port(side), at);
    }
    return at;
  }

  /** Writes a port (0 to 65535) in decimal. */
  private int digits(int port, int at) {
    int end = at + (port >= 10000 ? 5 : port >= 1000 ? 4 : port >= 100 ? 3 : port >= 10 ? 2 : 1);
    int value = port;
    for (int i = end - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }

  private int ascii(String s, int at) {
    ensure(at, s.length());
    for (int i = 0; i < s.length(); i++) {
      text[at + i] = (byte) s.charAt(i);
    }
    return at + s.length();
  }

  private void ensure(int at, int more) {
    if (at + more > text.length) {
      text = Arrays.copyOf(text, Math.max(2 * text.length, at + more));
    }
  }
}
