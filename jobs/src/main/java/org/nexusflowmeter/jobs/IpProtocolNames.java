package org.nexusflowmeter.jobs;

/** IANA names of the IP protocol numbers a capture usually holds, for reports. */
final class IpProtocolNames {
  private IpProtocolNames() {}

  /** The name of an IPv4 protocol / IPv6 next-header number; "non-IP" for null (no IP header). */
  static String of(Integer protocol) {
    if (protocol == null || protocol < 0) {
      return "non-IP";
    }
    switch (protocol) {
      case 1: return "ICMP";
      case 2: return "IGMP";
      case 4: return "IPv4-in-IP";
      case 6: return "TCP";
      case 17: return "UDP";
      case 41: return "IPv6-in-IP";
      case 47: return "GRE";
      case 50: return "ESP";
      case 51: return "AH";
      case 58: return "ICMPv6";
      case 89: return "OSPF";
      case 103: return "PIM";
      case 112: return "VRRP";
      case 132: return "SCTP";
      default: return "IP protocol " + protocol;
    }
  }
}
