package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one input file gave the flow job, counted in the same pass that builds the flows (flow spec section 5):
 * records, their wire bytes, the records that make no flow by reason, and the first malformed records.
 */
public final class PacketCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Malformed records kept by their place in the file, first ones first. */
  static final int ERRORS_KEPT = 5;

  public final String path;
  long records;
  long wireBytes;
  long malformed;
  long untimed;
  long nonIp;
  long unkeyed;
  long flowPackets;
  /** "file_offset: parse_error" of the first malformed records, by offset. */
  final List<Long> errorOffsets = new ArrayList<>();
  final List<String> errors = new ArrayList<>();

  PacketCounts(String path) {
    this.path = path;
  }

  public long records() {
    return records;
  }

  public long wireBytes() {
    return wireBytes;
  }

  /** Records with a parse_error. */
  public long malformed() {
    return malformed;
  }

  /** Records without a timestamp (pcapng simple packet blocks). */
  public long untimed() {
    return untimed;
  }

  /** Frames that are neither IP nor ARP (LLDP, STP, ...). */
  public long nonIp() {
    return nonIp;
  }

  /** IP or ARP frames without both addresses (header cut by the snaplen, ARP not IPv4 over Ethernet). */
  public long unkeyed() {
    return unkeyed;
  }

  /** Records that made flows. */
  public long flowPackets() {
    return flowPackets;
  }

  /** The file offsets of the first malformed records (at most five), in file order. */
  public List<Long> errorOffsets() {
    return List.copyOf(errorOffsets);
  }

  /** The parse_error of each record of {@link #errorOffsets}. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  void count(int category, long wire) {
    records++;
    wireBytes += wire;
    switch (category) {
      case PacketFields.MALFORMED:
        malformed++;
        break;
      case PacketFields.UNTIMED:
        untimed++;
        break;
      case PacketFields.NON_IP:
        nonIp++;
        break;
      case PacketFields.UNKEYED:
        unkeyed++;
        break;
      default:
        flowPackets++;
    }
  }

  void error(long offset, String error) {
    int at = 0;
    while (at < errorOffsets.size() && errorOffsets.get(at) < offset) {
      at++;
    }
    if (at < ERRORS_KEPT) {
      errorOffsets.add(at, offset);
      errors.add(at, error);
      if (errorOffsets.size() > ERRORS_KEPT) {
        errorOffsets.remove(ERRORS_KEPT);
        errors.remove(ERRORS_KEPT);
      }
    }
  }

  /** Adds another part of the same file (another split). */
  void add(PacketCounts other) {
    records += other.records;
    wireBytes += other.wireBytes;
    malformed += other.malformed;
    untimed += other.untimed;
    nonIp += other.nonIp;
    unkeyed += other.unkeyed;
    flowPackets += other.flowPackets;
    for (int i = 0; i < other.errorOffsets.size(); i++) {
      error(other.errorOffsets.get(i), other.errors.get(i));
    }
  }
}
