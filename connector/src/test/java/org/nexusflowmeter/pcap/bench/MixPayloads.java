package org.nexusflowmeter.pcap.bench;

import java.util.SplittableRandom;

/**
 * Well-formed payloads for {@link SmallPacketMix}, so that dissecting tools (tshark) meet the cheap, ordinary case
 * of real traffic rather than malformed garbage: TLS application-data records (port 443), DNS queries and their
 * responses (port 53), syslog lines (port 514). Content comes from fixed blocks made once from a seed: the bytes
 * are arbitrary but the same on every run.
 */
final class MixPayloads {
  static final int TLS_RECORD_HEADER = 5;
  private static final int DNS_HEADER = 12;
  /** The labels every query name ends with: "example", "com", then the root. */
  private static final byte[] NAME_SUFFIX = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0};
  private static final int BLOCK = 4096;

  private final byte[] cipherText = new byte[BLOCK];
  private final byte[] letters = new byte[BLOCK];

  MixPayloads(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < BLOCK; i++) {
      cipherText[i] = (byte) random.nextInt(256);
      letters[i] = (byte) ('a' + random.nextInt(26));
    }
  }

  /** One TLS 1.2 application-data record of {@code length} bytes in all (at least the header's 5) into out. */
  int tlsRecord(byte[] out, int length, int contentFrom) {
    out[0] = 0x17;
    out[1] = 0x03;
    out[2] = 0x03;
    putShort(out, 3, length - TLS_RECORD_HEADER);
    System.arraycopy(cipherText, contentFrom % (BLOCK - length), out, TLS_RECORD_HEADER, length - TLS_RECORD_HEADER);
    return length;
  }

  /** A recursive query for the A record of {@code <label>.example.com}, the label {@code labelLength} letters. */
  int dnsQuery(byte[] out, int id, int labelLength, int labelFrom) {
    putShort(out, 0, id);
    putShort(out, 2, 0x0100); // standard query, recursion desired
    putShort(out, 4, 1);
    putShort(out, 6, 0);
    putShort(out, 8, 0);
    putShort(out, 10, 0);
    int p = DNS_HEADER;
    out[p++] = (byte) labelLength;
    System.arraycopy(letters, labelFrom % (BLOCK - labelLength), out, p, labelLength);
    p += labelLength;
    System.arraycopy(NAME_SUFFIX, 0, out, p, NAME_SUFFIX.length);
    p += NAME_SUFFIX.length;
    putShort(out, p, 1); // type A
    putShort(out, p + 2, 1); // class IN
    return p + 4;
  }

  /** The response to {@link #dnsQuery} with the same arguments: the question again and one A record. */
  int dnsResponse(byte[] out, int id, int labelLength, int labelFrom, int address) {
    int p = dnsQuery(out, id, labelLength, labelFrom);
    putShort(out, 2, 0x8180); // response, recursion desired and available, no error
    putShort(out, 6, 1);
    putShort(out, p, 0xc000 | DNS_HEADER); // the name: a pointer to the question's
    putShort(out, p + 2, 1);
    putShort(out, p + 4, 1);
    putShort(out, p + 6, 0);
    putShort(out, p + 8, 300); // TTL
    putShort(out, p + 10, 4);
    putShort(out, p + 12, address >>> 16);
    putShort(out, p + 14, address);
    return p + 16;
  }

  /** A syslog line ({@code <134>} = local0.info) of {@code length} bytes in all (at least 6). */
  int syslogLine(byte[] out, int length, int textFrom) {
    out[0] = '<';
    out[1] = '1';
    out[2] = '3';
    out[3] = '4';
    out[4] = '>';
    System.arraycopy(letters, textFrom % (BLOCK - length), out, 5, length - 5);
    return length;
  }

  private static void putShort(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }
}
