package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options of the columnar read: on by default, batch rows and bytes bounded. */
class PcapBatchOptionsTest {
  @Test
  void defaults() {
    PcapReadOptions options = PcapReadOptions.parse(Map.of("path", "/a"));
    assertTrue(options.columnar);
    assertEquals(4096, options.batchSize);
    assertEquals(4L << 20, options.batchBytes);
  }

  @Test
  void valuesAreParsedCaseInsensitively() {
    PcapReadOptions options = PcapReadOptions.parse(Map.of("path", "/a", "COLUMNAR", "False",
        "batchsize", "7", "BatchBytes", "64k"));
    assertFalse(options.columnar);
    assertEquals(7, options.batchSize);
    assertEquals(65536, options.batchBytes);
  }

  @Test
  void badValuesAreRejectedWithTheOptionName() {
    String[][] bad = {{"columnar", "yes"}, {"batchSize", "0"}, {"batchSize", "many"}, {"batchSize", "1048577"},
        {"batchBytes", "0"}, {"batchBytes", "2g"}};
    for (String[] option : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PcapReadOptions.parse(Map.of("path", "/a", option[0], option[1])), option[0] + "=" + option[1]);
      assertTrue(e.getMessage().contains(option[0]), e.getMessage());
    }
    assertEquals(1 << 20, PcapReadOptions.parse(Map.of("path", "/a", "batchSize", "1048576")).batchSize);
  }
}
