package org.nexusflowmeter.jobs.report.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.spark.unsafe.Platform;
import org.junit.jupiter.api.Test;

/**
 * IPv4 texts and values: every value's text is what {@link InetAddress} writes and reads back to the value; a
 * text is read as an address exactly when it is that text of its value (random texts of digits and dots, and
 * near misses: leading zeros, octets past 255, missing or extra parts and dots).
 */
class Ipv4TextTest {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern CANONICAL = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  @Test
  void valuesAndTheirTextsGiveEachOtherBack() throws Exception {
    Random random = new Random(20261128);
    for (int i = 0; i < 20_000; i++) {
      long value = i < 256 ? i * 0x01010101L : random.nextInt() & 0xFFFFFFFFL;
      String text = Ipv4Text.of(value);
      byte[] octets = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
      assertEquals(InetAddress.getByAddress(octets).getHostAddress(), text);
      assertEquals(value, value(text), text);
    }
  }

  @Test
  void onlyTheCanonicalTextIsAnAddress() {
    for (String near : new String[] {"010.1.2.3", "1.2.3.04", "00.1.2.3", "1.2.3.256", "1.2.3", "1.2.3.4.",
        ".1.2.3.4", "1..2.3", "1.2.3.4.5", "a.b.c.d", "1.2.3.-4", "1.2.3.4 ", "1234.1.1.1", "0.0.0.0000",
        "99999999999.1", "::ffff:1.2.3.4"}) {
      assertEquals(-1, value(near), near);
    }
    assertEquals(0, value("0.0.0.0"));
    assertEquals(0xFFFFFFFFL, value("255.255.255.255"));
    Random random = new Random(7);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int length = 7 + random.nextInt(9); text.length() < length; ) {
        text.append(random.nextInt(4) == 0 ? '.' : (char) ('0' + random.nextInt(random.nextBoolean() ? 3 : 10)));
      }
      long value = value(text.toString());
      assertEquals(CANONICAL.matcher(text).matches(), value >= 0, text.toString());
      if (value >= 0) {
        accepted++;
        assertEquals(text.toString(), Ipv4Text.of(value));
      }
    }
    assertTrue(accepted > 1_000, accepted + " accepted");
  }

  /** The value of the text's UTF-8 bytes, read inside a larger array as a row hands them out. */
  private static long value(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] row = new byte[bytes.length + 11];
    System.arraycopy(bytes, 0, row, 3, bytes.length);
    return Ipv4Text.value(row, Platform.BYTE_ARRAY_OFFSET + 3, bytes.length);
  }
}
