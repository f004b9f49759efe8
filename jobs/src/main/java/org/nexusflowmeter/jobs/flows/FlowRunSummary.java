package org.nexusflowmeter.jobs.flows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run read and made (a first part of flow spec section 5): files, packets and bytes read, the records
 * that make no flow by reason, the first few malformed records, what each file gave, and flows by protocol and by
 * connection state.
 */
public final class FlowRunSummary {
  private static final int ERRORS_KEPT = 5;

  /** What one input file gave. */
  public static final class FileCounts {
    public final String path;
    public final long records;
    public final long wireBytes;
    public final long malformed;
    public final long flowPackets;
    /** The parse_error of the file's first malformed record, or null. */
    public final String firstError;

    FileCounts(PacketCounts counts) {
      this.path = counts.path;
      this.records = counts.records();
      this.wireBytes = counts.wireBytes();
      this.malformed = counts.malformed();
      this.flowPackets = counts.flowPackets();
      this.firstError = counts.errors().isEmpty() ? null : counts.errors().get(0);
    }

    /** Nothing but malformed records: not a capture, or a capture whose every record is damaged. */
    public boolean unreadable() {
      return records > 0 && malformed == records;
    }
  }

  public final long files;
  public final long packets;
  public final long wireBytes;
  /** Records with a parse_error. */
  public final long malformed;
  /** Records without a timestamp (pcapng simple packet blocks). */
  public final long untimed;
  /** Frames that are neither IP nor ARP (LLDP, STP, ...). */
  public final long nonIpFrames;
  /** IP or ARP frames without both addresses (header cut by the snaplen, ARP not IPv4 over Ethernet). */
  public final long unkeyed;
  /** Records that made flows. */
  public final long flowPackets;
  public final long flows;
  /** "file_path@file_offset: parse_error" of the first few malformed records, in file order. */
  public final List<String> firstErrors;
  /** Per file that had at least one record, by path. */
  public final List<FileCounts> perFile;
  public final Map<String, Long> flowsByProtocol;
  public final Map<String, Long> flowsByState;

  private FlowRunSummary(Collection<PacketCounts> fileCounts, Map<String, Long> flowsByProtocol,
      Map<String, Long> flowsByState) {
    List<FileCounts> files = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long packets = 0;
    long wireBytes = 0;
    long malformed = 0;
    long untimed = 0;
    long nonIp = 0;
    long unkeyed = 0;
    long flowPackets = 0;
    for (PacketCounts c : fileCounts) {
      packets += c.records();
      wireBytes += c.wireBytes();
      malformed += c.malformed();
      untimed += c.untimed();
      nonIp += c.nonIp();
      unkeyed += c.unkeyed();
      flowPackets += c.flowPackets();
      files.add(new FileCounts(c));
      for (int i = 0; i < c.errorOffsets().size() && errors.size() < ERRORS_KEPT; i++) {
        errors.add(c.path + "@" + c.errorOffsets().get(i) + ": " + c.errors().get(i));
      }
    }
    this.files = files.size();
    this.packets = packets;
    this.wireBytes = wireBytes;
    this.malformed = malformed;
    this.untimed = untimed;
    this.nonIpFrames = nonIp;
    this.unkeyed = unkeyed;
    this.flowPackets = flowPackets;
    this.perFile = Collections.unmodifiableList(files);
    this.firstErrors = List.copyOf(errors);
    this.flowsByProtocol = Collections.unmodifiableMap(new TreeMap<>(flowsByProtocol));
    this.flowsByState = Collections.unmodifiableMap(new TreeMap<>(flowsByState));
    this.flows = flowsByProtocol.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The run's counts: per file from the flow job's own pass ({@link FlowJobRun#countsByFile}, files in path
   * order), flows by protocol and state as the job counted them while making them.
   */
  public static FlowRunSummary of(FlowJobRun run) {
    Map<String, Long> byProtocol = new TreeMap<>();
    Map<String, Long> byState = new TreeMap<>();
    run.flowsByProtocolAndState().forEach((protocol, states) -> states.forEach((state, count) -> {
      byProtocol.merge(protocol, count, Long::sum);
      byState.merge(state, count, Long::sum);
    }));
    return new FlowRunSummary(new TreeMap<>(run.countsByFile()).values(), byProtocol, byState);
  }

  /** The files that gave nothing but malformed records. */
  public List<FileCounts> unreadableFiles() {
    return perFile.stream().filter(FileCounts::unreadable).collect(Collectors.toList());
  }

  /** A few lines for a log or the console. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("files %d, packets %d, bytes on the wire %d%n", files, packets, wireBytes));
    text.append(String.format("flow packets %d, malformed %d, untimed %d, non_ip_frames %d, unkeyed %d%n",
        flowPackets, malformed, untimed, nonIpFrames, unkeyed));
    text.append(String.format("flows %d by protocol %s by state %s%n", flows, flowsByProtocol, flowsByState));
    for (String error : firstErrors) {
      text.append("  ").append(error).append(System.lineSeparator());
    }
    return text.toString();
  }
}
