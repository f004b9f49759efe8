package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.execution.vectorized.Dictionary;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * The cache gives an id whose dictionary text is AddressText's text for every address, whatever was cached
 * before it, and every id of a batch keeps its text until the next batch, even when its slot was taken since.
 */
class AddressTextCacheTest {
  private static String expected(byte[] buf, int offset, int length) {
    return length == 6 ? AddressText.mac(buf, offset) : AddressText.ip(buf, offset, length);
  }

  private static String text(Dictionary dictionary, int id) {
    return new String(dictionary.decodeToBinary(id), StandardCharsets.US_ASCII);
  }

  @Test
  void everyIdOfABatchKeepsItsTextThroughEvictionsInsideTheBatch() {
    AddressTextCache cache = new AddressTextCache();
    Random random = new Random(5);
    byte[] buf = new byte[64];
    List<String> texts = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    // batches of 40,000 lookups of mostly distinct addresses: far more than the slots, so slots change hands
    // inside a batch many times
    for (int i = 0; i < 200_000; i++) {
      if (i % 40_000 == 0) {
        cache.startBatch();
        texts.clear();
        ids.clear();
      }
      int length = new int[] {4, 6, 16}[i % 3];
      int offset = random.nextInt(buf.length - length);
      random.nextBytes(buf);
      if (i % 7 == 0) {
        // few distinct values, so that hits happen as well as misses
        Arrays.fill(buf, offset, offset + length, (byte) (i % 5));
      }
      int id = cache.id(buf, offset, length);
      texts.add(expected(buf, offset, length));
      ids.add(id);
      assertEquals(texts.get(texts.size() - 1), text(cache.dictionary(), id));
      if (i % 40_000 == 39_999) {
        for (int k = 0; k < ids.size(); k++) {
          assertEquals(texts.get(k), text(cache.dictionary(), ids.get(k)), "lookup " + k + " of the batch");
        }
      }
    }
  }

  @Test
  void aRecurringAddressHasOneIdPerBatchAndIdsCountFromZeroInEachBatch() {
    AddressTextCache cache = new AddressTextCache();
    byte[] a = {10, 0, 0, 1};
    byte[] b = {10, 0, 0, 2};
    cache.startBatch();
    assertEquals(0, cache.id(a, 0, 4));
    assertEquals(1, cache.id(b, 0, 4));
    assertEquals(0, cache.id(a.clone(), 0, 4));
    byte[] first = cache.dictionary().decodeToBinary(0);
    cache.startBatch();
    assertEquals(0, cache.id(b, 0, 4));
    assertEquals(1, cache.id(a, 0, 4));
    assertSame(first, cache.dictionary().decodeToBinary(1), "a cached address is not formatted again");
    assertThrows(IndexOutOfBoundsException.class, () -> cache.dictionary().decodeToBinary(2),
        "an id the batch did not give");
  }

  @Test
  void aMacAndAnIpv4AddressWithTheSameBytesKeepTheirOwnText() {
    AddressTextCache cache = new AddressTextCache();
    cache.startBatch();
    byte[] mac = {0, 0, 10, 0, 0, 1};
    byte[] ip = {10, 0, 0, 1};
    byte[] zeroIpv6 = new byte[16];
    assertEquals("00:00:0a:00:00:01", text(cache.dictionary(), cache.id(mac, 0, 6)));
    assertEquals("10.0.0.1", text(cache.dictionary(), cache.id(ip, 0, 4)));
    assertEquals("::", text(cache.dictionary(), cache.id(zeroIpv6, 0, 16)));
    assertEquals("00:00:0a:00:00:01", text(cache.dictionary(), cache.id(mac, 0, 6)));
    assertEquals("::", text(cache.dictionary(), cache.id(zeroIpv6, 0, 16)));
  }
}
