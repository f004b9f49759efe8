package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The cache gives AddressText's text for every address, whatever was cached before it, and an array it handed
 * out keeps its text after its slot was taken: rows of a batch refer to the arrays.
 */
class AddressTextCacheTest {
  private static String expected(byte[] buf, int offset, int length) {
    return length == 6 ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
  }

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.US_ASCII);
  }

  @Test
  void everyTextHandedOutKeepsItsTextThroughEvictions() {
    AddressTextCache cache = new AddressTextCache();
    Random random = new Random(5);
    byte[] buf = new byte[64];
    List<String> expected = new ArrayList<>();
    List<byte[]> texts = new ArrayList<>();
    // mostly distinct addresses, far more than the slots, so slots change hands many times
    for (int i = 0; i < 200_000; i++) {
      int length = new int[] {4, 6, 16}[i % 3];
      int offset = random.nextInt(buf.length - length);
      random.nextBytes(buf);
      if (i % 7 == 0) {
        // few distinct values, so that hits happen as well as misses
        Arrays.fill(buf, offset, offset + length, (byte) (i % 5));
      }
      byte[] text = cache.text(buf, offset, length);
      expected.add(expected(buf, offset, length));
      texts.add(text);
      assertEquals(expected.get(i), text(text));
    }
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(expected.get(i), text(texts.get(i)), "lookup " + i);
    }
  }

  @Test
  void aCachedAddressIsNotFormattedAgainUntilItsSlotIsTaken() {
    AddressTextCache cache = new AddressTextCache();
    byte[] a = {10, 0, 0, 1};
    byte[] b = {10, 0, 0, 2};
    byte[] first = cache.text(a, 0, 4);
    assertNotSame(first, cache.text(b, 0, 4));
    assertSame(first, cache.text(a.clone(), 0, 4));
    byte[] ipv6 = new byte[16];
    ipv6[15] = 1;
    byte[] firstIpv6 = cache.text(ipv6, 0, 16);
    assertSame(firstIpv6, cache.text(ipv6.clone(), 0, 16));
    assertEquals("::1", text(firstIpv6));
  }

  @Test
  void aMacAndAnIpv4AddressWithTheSameBytesKeepTheirOwnText() {
    AddressTextCache cache = new AddressTextCache();
    byte[] mac = {0, 0, 10, 0, 0, 1};
    byte[] ip = {10, 0, 0, 1};
    byte[] zeroIpv6 = new byte[16];
    assertEquals("00:00:0a:00:00:01", text(cache.text(mac, 0, 6)));
    assertEquals("10.0.0.1", text(cache.text(ip, 0, 4)));
    assertEquals("::", text(cache.text(zeroIpv6, 0, 16)));
    assertEquals("00:00:0a:00:00:01", text(cache.text(mac, 0, 6)));
    assertEquals("::", text(cache.text(zeroIpv6, 0, 16)));
  }
}
