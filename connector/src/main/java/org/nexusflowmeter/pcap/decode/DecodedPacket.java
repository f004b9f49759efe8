package org.nexusflowmeter.pcap.decode;

/**
 * The header fields of one frame, decoded in place: primitives and offsets into the frame buffer, never
 * copies, so one instance serves every packet of a reader. A field the frame does not hold (absent layer,
 * or cut off by the snaplen) is -1 (or 0 for counts, false for flags).
 */
public final class DecodedPacket {
  public static final int MAX_TAGS = 8;

  /** The frame buffer the offsets below point into. */
  public byte[] buf;

  // Link layer
  /**
   * Offsets of the 6-byte destination and source MAC addresses; -1 when the link has none. In a FabricPath frame
   * they are the inner frame's, once its two MACs are captured.
   */
  public int dstMacOffset;
  public int srcMacOffset;
  /**
   * EtherType (or SLL protocol, Cisco HDLC protocol, or the AF mapped to an EtherType) of the payload after all
   * tags; -1 when none. It is the innermost type the captured bytes reach: after an MPLS stack 0x0800/0x86DD
   * guessed from the first nibble (else 0x8847/0x8848); after PPPoE the type of the PPP protocol (IPv4, IPv6,
   * MPLS; else 0x8864); on a PPP link the type of the PPP protocol (IPv4, IPv6, MPLS; else -1); after a
   * FabricPath header the inner frame's type (0x8903 when the inner header is not captured); and a tag TPID
   * when the frame is cut inside the tag.
   */
  public int ethType;
  /** 802.1Q / 802.1ad tags, outermost first: all are counted, the first MAX_TAGS are kept. */
  public int vlanCount;
  public final int[] vlanIds = new int[MAX_TAGS];
  /** MPLS label stack entries, outermost first: all are counted, the first MAX_TAGS labels are kept. */
  public int mplsCount;
  public final int[] mplsLabels = new int[MAX_TAGS];

  // Network layer (the outermost IPv4/IPv6 header). For ARP, srcAddr/dstAddr hold the sender and target
  // protocol addresses, addrLength their length, and ipVersion stays 0.
  /** 4 or 6; 0 when there is no IP header. */
  public int ipVersion;
  public int ipOffset;
  public int srcAddrOffset;
  public int dstAddrOffset;
  /** 4 or 16; 0 when no addresses were decoded. */
  public int addrLength;
  /** IPv4 IHL*4; IPv6 40 plus the extension headers walked. */
  public int ipHeaderLength;
  /** IPv4 TOS / IPv6 traffic class. */
  public int ipDsField;
  /** IPv4 TTL / IPv6 hop limit. */
  public int ttl;
  /** IPv4 identification (16 bits) or IPv6 fragment header identification (32 bits). */
  public long ipId;
  public boolean dontFragment;
  public boolean moreFragments;
  /** Fragment offset in bytes (the header's 8-byte units times 8); -1 when not an IP packet. */
  public int fragmentOffset;
  /** Upper-layer protocol: IPv4 protocol, or IPv6 next header after the extension headers. */
  public int ipProtocol;
  /**
   * Bytes after the IP header(s), from the IP length fields (not the captured length). Offload super-packets
   * (IPv4 total length 0; IPv6 payload length 0 with neither a Jumbo Payload option nor next header 59) take
   * the captured bytes instead; an IPv6 jumbogram takes the Jumbo Payload length.
   */
  public int ipPayloadLength;

  // Transport layer: only when it directly follows the IP header and this is the first (or only) fragment
  public int l4Offset;
  public int srcPort;
  public int dstPort;
  /** TCP flags, FIN = 0x01 … CWR = 0x80, NS = 0x100. */
  public int tcpFlags;
  public long tcpSeq;
  public long tcpAck;
  public int tcpWindow;
  public int tcpHeaderLength;
  /**
   * Transport payload from the length fields: TCP ip payload - header, UDP length - 8 (ip payload - 8 when the
   * UDP length is 0 or outside 8..ip payload), ICMP ip payload - 8, SCTP ip payload - 12, other protocols and
   * non-first fragments the ip payload.
   */
  public int l4PayloadLength;
  public int icmpType;
  public int icmpCode;
  public int arpOp;

  /** Sets every field to "absent". */
  public void clear() {
    buf = null;
    dstMacOffset = -1;
    srcMacOffset = -1;
    ethType = -1;
    vlanCount = 0;
    mplsCount = 0;
    ipVersion = 0;
    ipOffset = -1;
    srcAddrOffset = -1;
    dstAddrOffset = -1;
    addrLength = 0;
    ipHeaderLength = -1;
    ipDsField = -1;
    ttl = -1;
    ipId = -1;
    dontFragment = false;
    moreFragments = false;
    fragmentOffset = -1;
    ipProtocol = -1;
    ipPayloadLength = -1;
    l4Offset = -1;
    srcPort = -1;
    dstPort = -1;
    tcpFlags = -1;
    tcpSeq = -1;
    tcpAck = -1;
    tcpWindow = -1;
    tcpHeaderLength = -1;
    l4PayloadLength = -1;
    icmpType = -1;
    icmpCode = -1;
    arpOp = -1;
  }
}
