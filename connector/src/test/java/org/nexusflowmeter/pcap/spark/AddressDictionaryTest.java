package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Ids of a batch decode to their address's text at the batch's end, though cache slots were reused meanwhile. */
class AddressDictionaryTest {
  @Test
  void everyIdOfABatchKeepsItsTextThroughSlotReuse() {
    AddressDictionary dictionary = new AddressDictionary(new AddressTextCache());
    for (int batch = 0; batch < 3; batch++) {
      dictionary.startBatch();
      int addresses = 3 * AddressTextCache.slots();
      int[] ids = new int[2 * addresses];
      for (int i = 0; i < addresses; i++) {
        // each address twice, the second time after others may have taken its slot
        ids[i] = dictionary.id(ipv4(batch, i), 0, 4);
      }
      for (int i = 0; i < addresses; i++) {
        ids[addresses + i] = dictionary.id(ipv4(batch, i), 0, 4);
      }
      for (int i = 0; i < 2 * addresses; i++) {
        int address = i % addresses;
        String expected = "10." + batch + "." + (address >>> 8) + "." + (address & 0xff);
        assertEquals(expected, new String(dictionary.decodeToBinary(ids[i]), StandardCharsets.US_ASCII),
            "batch " + batch + ", lookup " + i);
      }
      assertEquals(0, ids[0], "ids start again with each batch");
    }
  }

  private static byte[] ipv4(int batch, int i) {
    return ByteBuffer.allocate(4).putInt(10 << 24 | batch << 16 | i).array();
  }
}
