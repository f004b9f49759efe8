package org.nexusflowmeter.pcap.decode;

/** Decodes link, network and transport headers of one frame into a {@link DecodedPacket}, in place. */
public final class PacketDecoder {
  private PacketDecoder() {}

  // LINKTYPE_* values (https://www.tcpdump.org/linktypes.html)
  public static final int LINKTYPE_NULL = 0;
  public static final int LINKTYPE_ETHERNET = 1;
  public static final int LINKTYPE_PPP = 9;
  public static final int LINKTYPE_PPP_HDLC = 50;
  /** DLT_RAW as most systems numbered it before LINKTYPE_RAW existed. */
  public static final int LINKTYPE_RAW_LEGACY = 12;
  /** DLT_RAW as OpenBSD numbered it. */
  public static final int LINKTYPE_RAW_OPENBSD = 14;
  public static final int LINKTYPE_RAW = 101;
  public static final int LINKTYPE_C_HDLC = 104;
  public static final int LINKTYPE_LOOP = 108;
  /** NetBSD's HDLC framing; Wireshark reads it as Cisco HDLC. */
  public static final int LINKTYPE_NETBSD_HDLC = 112;
  public static final int LINKTYPE_LINUX_SLL = 113;
  public static final int LINKTYPE_IPV4 = 228;
  public static final int LINKTYPE_IPV6 = 229;
  public static final int LINKTYPE_LINUX_SLL2 = 276;

  /**
   * Decodes frame bytes buf[offset, offset + length) captured on a link of type linkType. Never throws on
   * malformed or truncated input: whatever the bytes hold is filled, the rest stays absent. A range
   * reaching past the buffer is cut to the buffer.
   */
  public static void decode(byte[] buf, int offset, int length, int linkType, DecodedPacket out) {
    out.clear();
    out.buf = buf;
    if (buf == null || offset < 0 || offset > buf.length || length <= 0) {
      return;
    }
    int end = offset + Math.min(length, buf.length - offset);
    switch (linkType) {
      case LINKTYPE_ETHERNET:
        LinkDecoder.ethernet(buf, offset, end, out);
        break;
      case LINKTYPE_PPP:
      case LINKTYPE_PPP_HDLC:
        PppDecoder.link(buf, offset, end, out);
        break;
      case LINKTYPE_C_HDLC:
      case LINKTYPE_NETBSD_HDLC:
        CiscoHdlcDecoder.decode(buf, offset, end, out);
        break;
      case LINKTYPE_LINUX_SLL:
        LinkDecoder.linuxSll(buf, offset, end, out);
        break;
      case LINKTYPE_LINUX_SLL2:
        LinkDecoder.linuxSll2(buf, offset, end, out);
        break;
      case LINKTYPE_NULL:
        LinkDecoder.bsdLoopback(buf, offset, end, false, out);
        break;
      case LINKTYPE_LOOP:
        LinkDecoder.bsdLoopback(buf, offset, end, true, out);
        break;
      case LINKTYPE_RAW:
      case LINKTYPE_RAW_LEGACY:
      case LINKTYPE_RAW_OPENBSD:
        LinkDecoder.rawIp(buf, offset, end, out);
        break;
      case LINKTYPE_IPV4:
        LinkDecoder.fixedIp(buf, offset, end, EtherTypes.IPV4, out);
        break;
      case LINKTYPE_IPV6:
        LinkDecoder.fixedIp(buf, offset, end, EtherTypes.IPV6, out);
        break;
      default:
        break;
    }
  }
}
