package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options are parsed once, case-insensitively, into typed values. */
class PcapReadOptionsTest {
  @Test
  void pathsFromThePathOptionAndTheJsonArraySparkPasses() {
    PcapReadOptions options = PcapReadOptions.parse(Map.of("path", "/a.pcap", "paths", "[\"/b\",\"s3a://x/c*\"]"));
    assertEquals(List.of("/a.pcap", "/b", "s3a://x/c*"), options.paths);
  }

  @Test
  void keysAreCaseInsensitiveAndValuesTyped() {
    PcapReadOptions options = PcapReadOptions.parse(Map.of("PATH", "/a", "MODE", "failFast",
        "recursivefilelookup", "TRUE", "PathGlobFilter", "*.pcap", "maxpartitionbytes", "64k",
        "fs.s3a.endpoint", "http://127.0.0.1:9000"));
    assertEquals(ReadMode.FAILFAST, options.mode);
    assertTrue(options.recursiveFileLookup);
    assertEquals("*.pcap", options.pathGlobFilter);
    assertEquals(65536, options.maxPartitionBytes);
    assertEquals("http://127.0.0.1:9000", options.hadoopOptions.get("fs.s3a.endpoint"));
    assertFalse(options.hadoopOptions.containsKey("PATH"));
  }

  @Test
  void defaults() {
    PcapReadOptions options = PcapReadOptions.parse(Map.of("path", "/a"));
    assertEquals(ReadMode.PERMISSIVE, options.mode);
    assertFalse(options.recursiveFileLookup);
    assertNull(options.pathGlobFilter);
    assertEquals(-1, options.maxPartitionBytes);
    assertEquals(300, PcapReadOptions.parseByteSize("x", "300"));
    assertEquals(128L << 20, PcapReadOptions.parseByteSize("x", "128m"));
  }

  @Test
  void badValuesAreRejectedWithTheOptionName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PcapReadOptions.parse(Map.of()))
        .getMessage().contains("path"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PcapReadOptions.parse(Map.of("path", "/a", "recursiveFileLookup", "yes")))
        .getMessage().contains("recursiveFileLookup"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PcapReadOptions.parse(Map.of("path", "/a", "maxPartitionBytes", "lots")))
        .getMessage().contains("maxPartitionBytes"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PcapReadOptions.parse(Map.of("path", "/a", "maxPartitionBytes", "0")))
        .getMessage().contains("maxPartitionBytes"));
  }
}
