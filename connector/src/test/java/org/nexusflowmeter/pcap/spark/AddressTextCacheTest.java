package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The cache gives a reference to AddressText's text for every address, whatever was cached before it, and a
 * reference keeps its text while its batch lasts, after its slot was taken and whether or not the arena
 * started over at the batch's start: rows of a batch hold references.
 */
class AddressTextCacheTest {
  private static String expected(byte[] buf, int offset, int length) {
    return length == 6 ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
  }

  private static String text(byte[] arena, int reference) {
    return new String(arena, AddressTextCache.offset(reference), AddressTextCache.length(reference),
        StandardCharsets.US_ASCII);
  }

  @Test
  void everyReferenceKeepsItsTextWhileItsBatchLasts() {
    AddressTextCache cache = new AddressTextCache();
    Random random = new Random(5);
    byte[] buf = new byte[64];
    List<String> expected = new ArrayList<>();
    List<Integer> references = new ArrayList<>();
    int fullArenas = 0;
    // mostly distinct addresses, far more than the slots (slots change hands many times) and more text than
    // the arena holds; a batch ends every 1,000 lookups, or earlier when the arena has no room for a row
    cache.startBatch();
    for (int i = 0; i < 200_000; i++) {
      if (i % 1000 == 0 || !cache.hasRoomForRow()) {
        int first = i - references.size();
        for (int k = 0; k < references.size(); k++) {
          assertEquals(expected.get(k), text(cache.arena(), references.get(k)), "lookup " + (first + k));
        }
        fullArenas += cache.hasRoomForRow() ? 0 : 1;
        cache.startBatch();
        expected.clear();
        references.clear();
      }
      int length = new int[] {4, 6, 16}[i % 3];
      int offset = random.nextInt(buf.length - length);
      random.nextBytes(buf);
      if (i % 7 == 0) {
        // few distinct values, so that hits happen as well as misses, across the arena's starts too
        Arrays.fill(buf, offset, offset + length, (byte) (i % 5));
      }
      int reference = cache.text(buf, offset, length);
      expected.add(expected(buf, offset, length));
      references.add(reference);
      assertEquals(expected.get(expected.size() - 1), text(cache.arena(), reference));
    }
    assertTrue(fullArenas >= 3, "arena starts: " + fullArenas);
  }

  @Test
  void aCachedAddressIsNotFormattedAgainUntilItsSlotIsTaken() {
    AddressTextCache cache = new AddressTextCache();
    cache.startBatch();
    byte[] a = {10, 0, 0, 1};
    byte[] b = {10, 0, 0, 2};
    int first = cache.text(a, 0, 4);
    assertNotEquals(first, cache.text(b, 0, 4));
    assertEquals(first, cache.text(a.clone(), 0, 4));
    byte[] ipv6 = new byte[16];
    ipv6[15] = 1;
    int firstIpv6 = cache.text(ipv6, 0, 16);
    assertEquals(firstIpv6, cache.text(ipv6.clone(), 0, 16));
    assertEquals("::1", text(cache.arena(), firstIpv6));
    cache.startBatch();
    assertEquals(first, cache.text(a, 0, 4), "an arena with room goes on from batch to batch");
  }

  @Test
  void aMacAndAnIpv4AddressWithTheSameBytesKeepTheirOwnText() {
    AddressTextCache cache = new AddressTextCache();
    cache.startBatch();
    byte[] mac = {0, 0, 10, 0, 0, 1};
    byte[] ip = {10, 0, 0, 1};
    byte[] zeroIpv6 = new byte[16];
    assertEquals("00:00:0a:00:00:01", text(cache.arena(), cache.text(mac, 0, 6)));
    assertEquals("10.0.0.1", text(cache.arena(), cache.text(ip, 0, 4)));
    assertEquals("::", text(cache.arena(), cache.text(zeroIpv6, 0, 16)));
    assertEquals("00:00:0a:00:00:01", text(cache.arena(), cache.text(mac, 0, 6)));
    assertEquals("::", text(cache.arena(), cache.text(zeroIpv6, 0, 16)));
  }

  /** An empty slot holds zeros: the address 0.0.0.0 (and ::) must not read as cached there. */
  @Test
  void theZeroAddressIsNotTakenForAnEmptySlot() {
    byte[] zeros = new byte[16];
    AddressTextCache ipv4 = new AddressTextCache();
    ipv4.startBatch();
    assertEquals("0.0.0.0", text(ipv4.arena(), ipv4.text(zeros, 0, 4)));
    AddressTextCache ipv6 = new AddressTextCache();
    ipv6.startBatch();
    assertEquals("::", text(ipv6.arena(), ipv6.text(zeros, 0, 16)));
  }
}
