package org.nexusflowmeter.pcap.decode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pcap4j.packet.BsdLoopbackPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpSelector;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6ExtRoutingPacket;
import org.pcap4j.packet.IpV6ExtUnknownPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.LinuxSllPacket;
import org.pcap4j.packet.LlcPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.PppSelector;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * Compares our decoding of one frame with pcap4j's, field by field, wherever pcap4j finds an IPv4/IPv6
 * packet. Frames it cannot judge are counted under a named reason; disagreements are collected.
 */
final class Pcap4jComparison {
  private static final int MAX_REPORTED = 30;
  private static final int AUTHENTICATION = 51;
  /** Hop-by-hop, routing, fragment, AH, destination options: the extension headers our walk passes. */
  private static final Set<Integer> WALKED_EXTENSION_HEADERS = Set.of(0, 43, 44, 51, 60);
  /** ESP, no next header, mobility, HIP, Shim6, experimental: IANA extension headers our walk ends at. */
  private static final Set<Integer> EXTENSION_HEADERS_WE_END_AT = Set.of(50, 59, 135, 139, 140, 253, 254);

  private final DecodedPacket ours = new DecodedPacket();
  final Map<String, Integer> reasons = new TreeMap<>();
  final List<String> mismatches = new ArrayList<>();
  int mismatchCount;
  long framesSeen;
  long ipCompared;
  long transportCompared;

  private String where;

  void frame(String file, long fileOffset, int linkType, byte[] data, int offset, int length) {
    framesSeen++;
    PacketDecoder.decode(data, offset, length, linkType, ours);
    Packet theirs;
    try {
      theirs = pcap4j(linkType, data, offset, length);
    } catch (Exception | StackOverflowError e) {
      count("pcap4j threw " + e.getClass().getSimpleName());
      return;
    }
    if (theirs == null) {
      count("link type " + linkType + ": unknown to pcap4j");
      return;
    }
    Packet ip = firstIp(theirs);
    if (ip == null) {
      count(ours.ipVersion != 0 ? "IP found by us only (pcap4j: none)" : "no IP layer in either");
      return;
    }
    where = file + " @" + fileOffset;
    if (ours.ipVersion == 0) {
      String reason = unmatchedIpReason(theirs, ip, linkType);
      if (reason == null) {
        mismatch("ipVersion", 0, ip instanceof IpV4Packet ? 4 : 6);
      } else {
        count(reason);
      }
      return;
    }
    ipCompared++;
    if (ip instanceof IpV4Packet v4) {
      compareIpv4(v4);
    } else {
      compareIpv6((IpV6Packet) ip);
    }
  }

  private static Packet pcap4j(int linkType, byte[] data, int offset, int length) throws Exception {
    switch (linkType) {
      case PacketDecoder.LINKTYPE_ETHERNET:
        return EthernetPacket.newPacket(data, offset, length);
      case PacketDecoder.LINKTYPE_LINUX_SLL:
        return LinuxSllPacket.newPacket(data, offset, length);
      case PacketDecoder.LINKTYPE_NULL:
        return BsdLoopbackPacket.newPacket(data, offset, length);
      case PacketDecoder.LINKTYPE_PPP:
      case PacketDecoder.LINKTYPE_PPP_HDLC:
        // pcap4j reads address/control 0xFF 0x03 when present, then a 2-byte protocol (no Cisco HDLC, no PFC)
        return PppSelector.newPacket(data, offset, length);
      case PacketDecoder.LINKTYPE_LOOP:
        // unknown to pcap4j: its IP selector reads what follows the 4-byte family by the version nibble
        return length > 4 ? IpSelector.newPacket(data, offset + 4, length - 4) : null;
      case PacketDecoder.LINKTYPE_LINUX_SLL2:
        // unknown to pcap4j: its EtherType factory reads what follows the 20-byte header
        if (length <= 20) {
          return null;
        }
        short protocol = (short) ((data[offset] & 0xff) << 8 | (data[offset + 1] & 0xff));
        return PacketFactories.getFactory(Packet.class, EtherType.class)
            .newInstance(data, offset + 20, length - 20, EtherType.getInstance(protocol));
      case PacketDecoder.LINKTYPE_RAW:
      case PacketDecoder.LINKTYPE_RAW_LEGACY:
      case PacketDecoder.LINKTYPE_RAW_OPENBSD:
      case PacketDecoder.LINKTYPE_IPV4:
      case PacketDecoder.LINKTYPE_IPV6:
        // pcap4j's DLT_RAW is one platform-dependent value; its IP selector is what every RAW type means
        return IpSelector.newPacket(data, offset, length);
      default:
        return null;
    }
  }

  private static Packet firstIp(Packet packet) {
    for (Packet p = packet; p != null; p = p.getPayload()) {
      if (p instanceof IpV4Packet || p instanceof IpV6Packet) {
        return p;
      }
    }
    return null;
  }

  /** Why pcap4j may legitimately find IP where we find none; null when there is no such reason. */
  private String unmatchedIpReason(Packet theirs, Packet ip, int linkType) {
    for (Packet p = theirs; p != ip; p = p.getPayload()) {
      if (p instanceof LlcPacket) {
        return "802.2 LLC/SNAP: pcap4j decodes IP inside, we do not";
      }
    }
    int version = ip instanceof IpV4Packet v4 ? v4.getHeader().getVersion().value()
        : ((IpV6Packet) ip).getHeader().getVersion().value();
    if (version != (ip instanceof IpV4Packet ? 4 : 6)) {
      return "pcap4j ignores the IP version nibble (EtherType says IP, header does not)";
    }
    if (ip instanceof IpV4Packet v4 && v4.getHeader().getIhlAsInt() < 5) {
      return "IPv4 IHL below 5: invalid for us, pcap4j reads on";
    }
    if (linkType == PacketDecoder.LINKTYPE_IPV4 || linkType == PacketDecoder.LINKTYPE_IPV6) {
      return "LINKTYPE_IPV4/IPV6 holding the other IP version: we go by the link type, pcap4j by the nibble";
    }
    if (linkType == PacketDecoder.LINKTYPE_NULL && ours.ethType < 0) {
      return "BSD NULL with an address family we do not map";
    }
    return null;
  }

  private void compareIpv4(IpV4Packet ip) {
    IpV4Packet.IpV4Header h = ip.getHeader();
    same("ipVersion", ours.ipVersion, 4);
    same("addrLength", ours.addrLength, 4);
    sameAddress("srcAddr", ours.srcAddrOffset, h.getSrcAddr());
    sameAddress("dstAddr", ours.dstAddrOffset, h.getDstAddr());
    same("ipProtocol", ours.ipProtocol, h.getProtocol().value() & 0xff);
    same("ttl", ours.ttl, h.getTtlAsInt());
    same("ipDsField", ours.ipDsField, h.getTos().value() & 0xff);
    same("ipId", ours.ipId, h.getIdentificationAsInt());
    same("dontFragment", ours.dontFragment ? 1 : 0, h.getDontFragmentFlag() ? 1 : 0);
    same("moreFragments", ours.moreFragments ? 1 : 0, h.getMoreFragmentFlag() ? 1 : 0);
    same("fragmentOffset", ours.fragmentOffset, (h.getFragmentOffset() & 0x1fff) * 8);
    same("ipHeaderLength", ours.ipHeaderLength, h.getIhlAsInt() * 4);
    int totalLength = h.getTotalLengthAsInt();
    if (totalLength == 0) {
      count("IPv4 total length 0 (offload): our length is from the capture, not compared");
    } else {
      same("ipHeaderLength + ipPayloadLength", ours.ipHeaderLength + ours.ipPayloadLength, totalLength);
    }
    compareTransport(ip.getPayload());
  }

  private void compareIpv6(IpV6Packet ip) {
    IpV6Packet.IpV6Header h = ip.getHeader();
    same("ipVersion", ours.ipVersion, 6);
    same("addrLength", ours.addrLength, 16);
    sameAddress("srcAddr", ours.srcAddrOffset, h.getSrcAddr());
    sameAddress("dstAddr", ours.dstAddrOffset, h.getDstAddr());
    same("ttl", ours.ttl, h.getHopLimitAsInt());
    same("ipDsField", ours.ipDsField, h.getTrafficClass().value() & 0xff);
    int next = h.getNextHeader().value() & 0xff;
    Packet p = ip.getPayload();
    while (p != null) {
      IpNumber extNext;
      if (p instanceof IpV6ExtOptionsPacket o) {
        extNext = o.getHeader().getNextHeader();
        if (o.getHeader().length() != (o.getHeader().getHdrExtLenAsInt() + 1) * 8) {
          // pcap4j drops padding or unknown options from the header and puts the next layer too early
          count("pcap4j misplaces what follows IPv6 options (header length differs from Hdr Ext Len)");
          int following = extNext.value() & 0xff;
          if (!WALKED_EXTENSION_HEADERS.contains(following)) {
            same("ipProtocol", ours.ipProtocol, following);
          }
          return;
        }
      } else if (p instanceof IpV6ExtRoutingPacket r) {
        extNext = r.getHeader().getNextHeader();
      } else if (p instanceof IpV6ExtFragmentPacket f) {
        extNext = f.getHeader().getNextHeader();
        same("fragmentOffset", ours.fragmentOffset, (f.getHeader().getFragmentOffset() & 0x1fff) * 8);
        same("moreFragments", ours.moreFragments ? 1 : 0, f.getHeader().getM() ? 1 : 0);
        same("ipId", ours.ipId, f.getHeader().getIdentification() & 0xffffffffL);
      } else if (p instanceof IpV6ExtUnknownPacket u && next == AUTHENTICATION) {
        extNext = u.getHeader().getNextHeader();
      } else if (p instanceof IpV6ExtUnknownPacket) {
        // pcap4j reads every next header it has no class for as an extension header and walks past it
        count(EXTENSION_HEADERS_WE_END_AT.contains(next)
            ? "IPv6 header " + next + ": the chain ends there for us, pcap4j walks past it"
            : "IPv6 upper-layer protocol " + next + ": pcap4j reads it as an extension header");
        same("ipProtocol", ours.ipProtocol, next);
        return;
      } else {
        break;
      }
      next = extNext.value() & 0xff;
      p = p.getPayload();
    }
    same("ipProtocol", ours.ipProtocol, next);
    int payloadLength = h.getPayloadLengthAsInt();
    if (payloadLength == 0) {
      count("IPv6 payload length 0 (jumbogram or offload): not compared");
    } else {
      same("extension bytes + ipPayloadLength", ours.ipHeaderLength - 40 + ours.ipPayloadLength, payloadLength);
    }
    compareTransport(p);
  }

  private void compareTransport(Packet p) {
    if (p instanceof TcpPacket tcp) {
      transportCompared++;
      TcpPacket.TcpHeader h = tcp.getHeader();
      same("srcPort", ours.srcPort, h.getSrcPort().valueAsInt());
      same("dstPort", ours.dstPort, h.getDstPort().valueAsInt());
      same("tcpSeq", ours.tcpSeq, h.getSequenceNumberAsLong());
      same("tcpAck", ours.tcpAck, h.getAcknowledgmentNumberAsLong());
      same("tcpHeaderLength", ours.tcpHeaderLength, h.getDataOffsetAsInt() * 4);
      same("tcpWindow", ours.tcpWindow, h.getWindowAsInt());
      int flags = (h.getUrg() ? 0x20 : 0) | (h.getAck() ? 0x10 : 0) | (h.getPsh() ? 0x08 : 0)
          | (h.getRst() ? 0x04 : 0) | (h.getSyn() ? 0x02 : 0) | (h.getFin() ? 0x01 : 0);
      same("tcpFlags (URG..FIN)", ours.tcpFlags & 0x3f, flags);
    } else if (p instanceof UdpPacket udp) {
      transportCompared++;
      same("srcPort", ours.srcPort, udp.getHeader().getSrcPort().valueAsInt());
      same("dstPort", ours.dstPort, udp.getHeader().getDstPort().valueAsInt());
    }
  }

  private void sameAddress(String field, int offset, InetAddress theirs) {
    byte[] expected = theirs.getAddress();
    if (offset < 0 || !Arrays.equals(ours.buf, offset, offset + expected.length, expected, 0, expected.length)) {
      mismatch(field, offset < 0 ? "absent" : AddressText.ip(ours.buf, offset, ours.addrLength),
          theirs.getHostAddress());
    }
  }

  private void same(String field, long oursValue, long theirs) {
    if (oursValue != theirs) {
      mismatch(field, oursValue, theirs);
    }
  }

  private void mismatch(String field, Object oursValue, Object theirs) {
    mismatchCount++;
    if (mismatches.size() < MAX_REPORTED) {
      mismatches.add(where + ": " + field + " ours " + oursValue + " pcap4j " + theirs);
    }
  }

  private void count(String reason) {
    reasons.merge(reason, 1, Integer::sum);
  }
}
