package org.nexusflowmeter.flow;

/**
 * Column 6 names: the spec's fixed names, else the IANA protocol keyword, else {@code IP-<number>}. Reports
 * use the same names, so a protocol is called one thing everywhere.
 */
public final class ProtocolNames {
  /** The names of the IP protocol numbers, made once: a flow's name is an array read, the same String each time. */
  private static final String[] IP = new String[256];

  static {
    for (int protocol = 0; protocol < IP.length; protocol++) {
      IP[protocol] = name(protocol);
    }
  }

  private ProtocolNames() {}

  public static String of(int protocol) {
    return protocol >= 0 && protocol < IP.length ? IP[protocol] : name(protocol);
  }

  private static String name(int protocol) {
    switch (protocol) {
      case PacketView.PROTOCOL_ARP: return "ARP";
      case 0: return "HOPOPT";
      case 1: return "ICMP";
      case 2: return "IGMP";
      case 3: return "GGP";
      case 4: return "IPv4";
      case 6: return "TCP";
      case 8: return "EGP";
      case 9: return "IGP";
      case 17: return "UDP";
      case 33: return "DCCP";
      case 41: return "IPv6";
      case 43: return "IPv6-Route";
      case 44: return "IPv6-Frag";
      case 46: return "RSVP";
      case 47: return "GRE";
      case 50: return "ESP";
      case 51: return "AH";
      // the IANA keyword is IPv6-ICMP; the spec names it ICMPv6
      case 58: return "ICMPv6";
      case 59: return "IPv6-NoNxt";
      case 60: return "IPv6-Opts";
      case 88: return "EIGRP";
      // the IANA keyword is OSPFIGP; the spec names it OSPF
      case 89: return "OSPF";
      case 94: return "IPIP";
      case 97: return "ETHERIP";
      case 98: return "ENCAP";
      case 103: return "PIM";
      case 108: return "IPComp";
      case 112: return "VRRP";
      case 115: return "L2TP";
      case 132: return "SCTP";
      case 136: return "UDPLite";
      case 137: return "MPLS-in-IP";
      case 143: return "Ethernet";
      default: return "IP-" + protocol;
    }
  }
}
