package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.decode.AddressText;

/** The cache gives AddressText's text for every address, whatever was cached before it. */
class AddressTextCacheTest {
  @Test
  void sameTextAsAddressTextThroughManyEvictions() {
    AddressTextCache cache = new AddressTextCache();
    Random random = new Random(5);
    byte[] buf = new byte[64];
    for (int i = 0; i < 200_000; i++) {
      int length = new int[] {4, 6, 16}[i % 3];
      int offset = random.nextInt(buf.length - length);
      random.nextBytes(buf);
      if (i % 7 == 0) {
        // few distinct values, so that hits happen as well as misses
        java.util.Arrays.fill(buf, offset, offset + length, (byte) (i % 5));
      }
      String expected = length == 6 ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
      assertEquals(expected, new String(cache.text(buf, offset, length), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aMacAndAnIpv4AddressWithTheSameBytesKeepTheirOwnText() {
    AddressTextCache cache = new AddressTextCache();
    byte[] mac = {0, 0, 10, 0, 0, 1};
    byte[] ip = {10, 0, 0, 1};
    byte[] macText = cache.text(mac, 0, 6);
    assertEquals("00:00:0a:00:00:01", new String(macText, StandardCharsets.US_ASCII));
    assertEquals("10.0.0.1", new String(cache.text(ip, 0, 4), StandardCharsets.US_ASCII));
    assertEquals("00:00:0a:00:00:01", new String(cache.text(mac, 0, 6), StandardCharsets.US_ASCII));
    assertSame(cache.text(mac, 0, 6), cache.text(mac.clone(), 0, 6), "a repeated address is not formatted again");
  }
}
