package org.nexusflowmeter.jobs.report.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * The per-address totals against a plain map of the same additions: thousands of IPv4 (also in a form that is
 * not the canonical one), IPv6 and MAC texts in random order (the tables grow many times), each given as a slice
 * of a larger array as a row hands it out, folded in three parts and merged; and the limit, in one part and across
 * a merge, over both tables.
 */
class AddressTotalsTest {
  private static final int ADDRESSES = 3_000;

  @Test
  void sumsAreAMapsOverManyAddressesFoldedInPartsAndMerged() {
    Random random = new Random(20261127);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < ADDRESSES; i++) {
      switch (i % 4) {
        case 0:
          addresses.add("10." + random.nextInt(256) + "." + (i >> 8) + "." + (i & 0xFF));
          break;
        case 1:
          addresses.add("2001:db8::" + Integer.toHexString(i) + ":" + Integer.toHexString(random.nextInt(65536)));
          break;
        case 2:
          // the same address as an IPv4 text in another form (a leading zero) is another text
          String address = "10.0." + (i >> 8) + "." + (i & 0xFF);
          addresses.add(address);
          addresses.add(address.replace("10.0.", "10.00."));
          break;
        default:
          addresses.add(String.format("02:00:00:%02x:%02x:%02x", i >> 16 & 0xFF, i >> 8 & 0xFF, i & 0xFF));
      }
    }
    Map<String, long[]> expected = new HashMap<>();
    List<AddressTotals> parts = List.of(new AddressTotals(1 << 18), new AddressTotals(1 << 18),
        new AddressTotals(1 << 18));
    for (int i = 0; i < 120_000; i++) {
      String address = addresses.get(random.nextInt(ADDRESSES));
      long sent = random.nextInt(1_000_000);
      long received = random.nextInt(1_000_000);
      long[] sums = expected.computeIfAbsent(address, a -> new long[2]);
      sums[0] += sent;
      sums[1] += received;
      parts.get(i % 3).add(slice(address, random.nextInt(7)), sent, received);
    }
    AddressTotals all = parts.get(0);
    all.merge(parts.get(1));
    all.merge(parts.get(2));
    assertTrue(all.complete());
    assertEquals(expected.size(), all.addresses());
    List<FlowTableSummary.AddressBytes> ranked = new ArrayList<>();
    expected.forEach((address, sums) -> ranked.add(new FlowTableSummary.AddressBytes(address, sums[0], sums[1])));
    ranked.sort(Comparator.comparingLong((FlowTableSummary.AddressBytes a) -> -(a.sentBytes() + a.receivedBytes()))
        .thenComparing(a -> UTF8String.fromString(a.address())));
    assertEquals(ranked, all.ranking(ADDRESSES).talkers());
  }

  /**
   * A task's totals reach the driver whole through either serializer a session may use for task results, Java's
   * (the default) and Kryo's (the command's), as their entries rather than their half-empty tables: 3,000 IPv4
   * addresses and 500 other texts in well under the 190 kB the IPv4 table alone holds.
   */
  @Test
  void totalsTravelAsTheirEntriesThroughJavaAndKryo() {
    SparkConf conf = new SparkConf();
    AddressTotals totals = new AddressTotals(1 << 18);
    for (int i = 0; i < 3_000; i++) {
      totals.add(UTF8String.fromString("10.1." + (i >> 8) + "." + (i & 0xFF)), i, 2L * i);
    }
    for (int i = 0; i < 500; i++) {
      totals.add(UTF8String.fromString("2001:db8::" + Integer.toHexString(i)), 3L * i, 1);
    }
    totals.add(UTF8String.fromString(""), 5, 6);
    AddressTotals gaveUp = new AddressTotals(2);
    for (int i = 0; i < 3; i++) {
      gaveUp.add(UTF8String.fromString("192.0.2." + i), 1, 1);
    }
    for (SerializerInstance serializer : List.of(new JavaSerializer(conf).newInstance(),
        new KryoSerializer(conf).newInstance())) {
      String name = serializer.getClass().getSimpleName();
      ByteBuffer bytes = serializer.serialize(totals, ClassTag$.MODULE$.apply(AddressTotals.class));
      assertTrue(bytes.remaining() < 110_000, name + ": " + bytes.remaining() + " bytes");
      AddressTotals back = serializer.deserialize(bytes, ClassTag$.MODULE$.apply(AddressTotals.class));
      assertTrue(back.complete(), name);
      assertEquals(3_501, back.addresses(), name);
      assertEquals(totals.ranking(4_000).talkers(), back.ranking(4_000).talkers(), name);
      back.add(UTF8String.fromString("10.1.0.0"), 1, 1);
      back.add(UTF8String.fromString("2001:db8::0"), 1, 1);
      back.add(UTF8String.fromString("10.2.0.0"), 1, 1);
      assertEquals(3_502, back.addresses(), name + ": the tables read back take more additions");
      AddressTotals gaveUpBack = serializer.deserialize(serializer.serialize(gaveUp,
          ClassTag$.MODULE$.apply(AddressTotals.class)), ClassTag$.MODULE$.apply(AddressTotals.class));
      assertFalse(gaveUpBack.complete(), name);
    }
  }

  @Test
  void theTotalsGiveUpPastTheLimitInOnePartOrMerged() {
    AddressTotals full = new AddressTotals(100);
    for (int i = 0; i < 50; i++) {
      full.add(UTF8String.fromString("10.0.0." + i), 1, 2);
      full.add(UTF8String.fromString("2001:db8::" + i), 1, 2);
      full.add(UTF8String.fromString("10.0.0." + i), 1, 2);
    }
    assertTrue(full.complete());
    assertEquals(100, full.addresses());
    AddressTotals fullOfTexts = new AddressTotals(100);
    fullOfTexts.merge(full);
    full.add(UTF8String.fromString("10.0.1.0"), 1, 2);
    assertFalse(full.complete());
    fullOfTexts.add(UTF8String.fromString("2001:db8::1:0"), 1, 2);
    assertFalse(fullOfTexts.complete());

    AddressTotals first = new AddressTotals(100);
    AddressTotals second = new AddressTotals(100);
    for (int i = 0; i < 60; i++) {
      first.add(UTF8String.fromString("192.0.2." + i), 1, 0);
      second.add(UTF8String.fromString("192.0.2." + (i + 30)), 0, 1);
    }
    AddressTotals both = new AddressTotals(100);
    both.merge(first);
    both.merge(second);
    assertTrue(both.complete(), "90 addresses in all");
    assertEquals(90, both.addresses());
    AddressTotals third = new AddressTotals(100);
    for (int i = 0; i < 11; i++) {
      third.add(UTF8String.fromString("198.51.100." + i), 1, 0);
    }
    both.merge(third);
    assertFalse(both.complete(), "101 addresses in all");
  }

  /** Two addresses whose texts hash alike (found by search) stay two. */
  @Test
  void addressesOfOneHashStayApart() {
    Map<Integer, String> byHash = new HashMap<>();
    String one = null;
    String other = null;
    for (int i = 0; other == null; i++) {
      String address = "2001:db8::" + Integer.toHexString(i >> 16) + ":" + Integer.toHexString(i & 0xFFFF);
      String earlier = byHash.putIfAbsent(UTF8String.fromString(address).hashCode(), address);
      if (earlier != null) {
        one = earlier;
        other = address;
      }
    }
    AddressTotals totals = new AddressTotals(1 << 18);
    totals.add(UTF8String.fromString(one), 1, 10);
    totals.add(UTF8String.fromString(other), 100, 1000);
    totals.add(UTF8String.fromString(one), 2, 20);
    assertEquals(2, totals.addresses());
    assertEquals(List.of(new FlowTableSummary.AddressBytes(other, 100, 1000),
        new FlowTableSummary.AddressBytes(one, 3, 30)), totals.ranking(2).talkers());
  }

  /** The address's UTF-8 bytes inside a larger array, {@code at} bytes from its start. */
  private static UTF8String slice(String address, int at) {
    byte[] text = address.getBytes(StandardCharsets.UTF_8);
    byte[] row = new byte[at + text.length + 5];
    System.arraycopy(text, 0, row, at, text.length);
    return UTF8String.fromBytes(row, at, text.length);
  }
}
