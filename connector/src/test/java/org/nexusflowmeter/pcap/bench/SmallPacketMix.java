package org.nexusflowmeter.pcap.bench;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The small-packet mix of {@link CaptureGenerator}, for the comparison benchmark: about 95 bytes a record, so
 * that packets, not bytes, are the work. Many short flows run concurrently and interleave in time, as on a
 * real link: TLS connections (handshake, one to four small request/response rounds with ACKs, FIN close), refused
 * connections (SYN, RST), DNS query/response pairs and one-way syslog datagrams. A few elephants,
 * long TCP flows already open when the capture starts, carry a share of the packets (small segments and their
 * ACKs; by default about a sixth, {@link #DEFAULT_ELEPHANT_SHARE}) from the first record to the last, so they
 * cross every split of the file. A larger share makes the short flows fewer for the same packets: the flows
 * grow longer on average, which is what the benchmarks vary to show speed against flow length. TCP sequence and
 * acknowledgement numbers advance as a real stack's would, so stateful tools (argus) see in-order streams, and
 * payloads are well formed ({@link MixPayloads}), so dissectors (tshark) see ordinary traffic, not garbage.
 */
final class SmallPacketMix {
  /** Short conversations open at any time; each packet goes to one of them, picked at random. */
  private static final int CONCURRENT = 256;
  private static final int ELEPHANTS = 8;
  /** Percent of packets that belong to an elephant, unless the mix's name says otherwise. */
  static final int DEFAULT_ELEPHANT_SHARE = 16;

  private final CaptureGenerator out;
  private final SplittableRandom random;
  private final int elephantShare;
  private final Conversation[] active = new Conversation[CONCURRENT];
  private final Conversation[] elephants = new Conversation[ELEPHANTS];
  private final MixPayloads payloads;
  /** The payload of the packet being written. */
  private final byte[] data = new byte[512];

  /** {@code elephantShare}: percent of the packets that belong to an elephant, 0 to 99. */
  SmallPacketMix(CaptureGenerator out, SplittableRandom random, int elephantShare) {
    if (elephantShare < 0 || elephantShare > 99) {
      throw new IllegalArgumentException("the elephants' share is 0 to 99 percent, not " + elephantShare);
    }
    this.out = out;
    this.random = random;
    this.elephantShare = elephantShare;
    this.payloads = new MixPayloads(random.nextLong());
    for (int i = 0; i < ELEPHANTS; i++) {
      elephants[i] = new Elephant(0x0a010000 | i, 0xc6336480 | i, 20000 + i);
    }
  }

  /** Writes the next packet of the capture. */
  void nextPacket() throws IOException {
    if (random.nextInt(100) < elephantShare) {
      elephants[random.nextInt(ELEPHANTS)].step();
      return;
    }
    int slot = random.nextInt(CONCURRENT);
    if (active[slot] == null || active[slot].finished()) {
      active[slot] = newConversation();
    }
    active[slot].step();
  }

  private Conversation newConversation() {
    int pick = random.nextInt(100);
    int client = 0x0a000000 | random.nextInt(1 << 16); // 10.0.0.0/16
    int server = 0xc6336400 | random.nextInt(128); // 198.51.100.0/25
    int sport = 1024 + random.nextInt(64000);
    if (pick < 60) {
      return new ShortTcp(client, server, sport, 1 + random.nextInt(4));
    } else if (pick < 66) {
      return new RefusedTcp(client, server, sport, 8000 + random.nextInt(100));
    } else if (pick < 92) {
      return new DnsPair(client, server, sport);
    }
    return new Datagram(client, server, sport);
  }

  /** One flow's packets, written one at a time. */
  private abstract static class Conversation {
    final int client;
    final int server;
    final int clientPort;
    final int serverPort;
    int step;

    Conversation(int client, int server, int clientPort, int serverPort) {
      this.client = client;
      this.server = server;
      this.clientPort = clientPort;
      this.serverPort = serverPort;
    }

    abstract void step() throws IOException;

    abstract boolean finished();
  }

  /** A TCP connection whose two sides keep their own sequence numbers. */
  private abstract class TcpConversation extends Conversation {
    int clientSeq = random.nextInt();
    int serverSeq = random.nextInt();

    TcpConversation(int client, int server, int clientPort, int serverPort) {
      super(client, server, clientPort, serverPort);
    }

    /**
     * Client to server, carrying one TLS record of {@code payload} bytes unless 0; SYN and FIN take one sequence
     * number, as data bytes do.
     */
    void fromClient(int flags, int payload) throws IOException {
      out.tcp(client, server, clientPort, serverPort, flags, data, tlsRecord(payload), clientSeq, serverSeq);
      clientSeq += payload + ((flags & 0x03) != 0 ? 1 : 0);
    }

    void fromServer(int flags, int payload) throws IOException {
      out.tcp(server, client, serverPort, clientPort, flags, data, tlsRecord(payload), serverSeq, clientSeq);
      serverSeq += payload + ((flags & 0x03) != 0 ? 1 : 0);
    }

    private int tlsRecord(int length) {
      return length == 0 ? 0 : payloads.tlsRecord(data, length, random.nextInt(1 << 12));
    }
  }

  /**
   * A TLS connection on port 443: handshake, {@code rounds} request/response/ACK rounds of small segments, FIN from
   * each side, last ACK.
   */
  private final class ShortTcp extends TcpConversation {
    private final int rounds;

    ShortTcp(int client, int server, int clientPort, int rounds) {
      super(client, server, clientPort, 443);
      this.rounds = rounds;
    }

    @Override
    void step() throws IOException {
      int s = step++;
      int close = 3 + 3 * rounds;
      if (s == 0) {
        fromClient(0x02, 0);
      } else if (s == 1) {
        fromServer(0x12, 0);
      } else if (s == 2 || s == close + 2) {
        fromClient(0x10, 0);
      } else if (s < close) {
        int inRound = (s - 3) % 3;
        if (inRound == 0) {
          fromClient(0x18, MixPayloads.TLS_RECORD_HEADER + 1 + random.nextInt(75));
        } else if (inRound == 1) {
          fromServer(0x18, MixPayloads.TLS_RECORD_HEADER + 1 + random.nextInt(115));
        } else {
          fromClient(0x10, 0);
        }
      } else if (s == close) {
        fromClient(0x11, 0);
      } else {
        fromServer(0x11, 0);
      }
    }

    @Override
    boolean finished() {
      return step > 3 * rounds + 5;
    }
  }

  /** A SYN to a closed port and the server's RST+ACK. */
  private final class RefusedTcp extends TcpConversation {
    RefusedTcp(int client, int server, int clientPort, int serverPort) {
      super(client, server, clientPort, serverPort);
    }

    @Override
    void step() throws IOException {
      if (step++ == 0) {
        fromClient(0x02, 0);
      } else {
        serverSeq = 0;
        fromServer(0x14, 0);
      }
    }

    @Override
    boolean finished() {
      return step > 1;
    }
  }

  /** A long TCP flow open before the capture: small segments from the server, every second one ACKed. */
  private final class Elephant extends TcpConversation {
    Elephant(int client, int server, int clientPort) {
      super(client, server, clientPort, 443);
    }

    @Override
    void step() throws IOException {
      if ((step++ % 3) == 2) {
        fromClient(0x10, 0);
      } else {
        fromServer(0x18, MixPayloads.TLS_RECORD_HEADER + 1 + random.nextInt(95));
      }
    }

    @Override
    boolean finished() {
      return false;
    }
  }

  /** A DNS query for an A record to port 53 and its response. */
  private final class DnsPair extends Conversation {
    private final int id = random.nextInt(1 << 16);
    private final int labelLength = 3 + random.nextInt(20);
    private final int labelFrom = random.nextInt(1 << 12);

    DnsPair(int client, int server, int clientPort) {
      super(client, server, clientPort, 53);
    }

    @Override
    void step() throws IOException {
      if (step++ == 0) {
        out.udp(client, server, clientPort, serverPort, data, payloads.dnsQuery(data, id, labelLength, labelFrom));
      } else {
        int length = payloads.dnsResponse(data, id, labelLength, labelFrom, 0xcb007100 | random.nextInt(256));
        out.udp(server, client, serverPort, clientPort, data, length);
      }
    }

    @Override
    boolean finished() {
      return step > 1;
    }
  }

  /** A single syslog line to port 514: a one-packet flow. */
  private final class Datagram extends Conversation {
    Datagram(int client, int server, int clientPort) {
      super(client, server, clientPort, 514);
    }

    @Override
    void step() throws IOException {
      step++;
      int length = payloads.syslogLine(data, 40 + random.nextInt(110), random.nextInt(1 << 12));
      out.udp(client, server, clientPort, serverPort, data, length);
    }

    @Override
    boolean finished() {
      return step > 0;
    }
  }
}
