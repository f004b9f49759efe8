package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@link RowBlock}: rows packed into blocks come back byte for byte, in order, through the serializers Spark
 * stores blocks with: Kryo writing to a file stream as Spark's disk store does (where the block bypasses Kryo's
 * buffer and Kryo has read ahead into the block's first bytes), Kryo to an array (no stream), and Java
 * serialization. The rows are hand-made: a long and a text of 0 to 9,000 bytes each, so rows straddle the
 * block boundary in every way, and one row longer than a block. Blocks are written as they are packed and read
 * one at a time, as Spark stores and reads them: both reuse their arrays.
 */
class RowBlockTest {
  private static final ClassTag<RowBlock> BLOCK = ClassTag$.MODULE$.apply(RowBlock.class);

  @TempDir
  Path dir;

  @Test
  void rowsComeBackThroughKryoFileStreams() throws IOException {
    List<byte[]> rows = rows(new Random(7), 2_000);
    Path file = dir.resolve("blocks");
    SerializerInstance kryo = kryo();
    int blocks = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      SerializationStream stream = kryo.serializeStream(out);
      // written as they are given, as Spark's disk store writes them: a block is valid until the next one
      for (Iterator<RowBlock> packed = pack(rows); packed.hasNext(); blocks++) {
        stream.writeObject(packed.next(), BLOCK);
      }
      stream.close();
    }
    assertTrue(blocks > 3, "the rows fill several blocks: " + blocks);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      assertRows(rows, RowBlock.unpack(read(kryo.deserializeStream(in)), 2));
    }
  }

  @Test
  void rowsComeBackThroughKryoArraysAndJavaSerialization() {
    List<byte[]> rows = rows(new Random(11), 700);
    for (SerializerInstance serializer : List.of(kryo(), new JavaSerializer(new SparkConf()).newInstance())) {
      List<ByteBuffer> blocks = serialized(pack(rows), serializer);
      assertTrue(blocks.size() > 1, "the rows fill several blocks: " + blocks.size());
      assertRows(rows, RowBlock.unpack(deserialized(blocks, serializer), 2));
    }
  }

  @Test
  void aRowLongerThanABlockGetsABlockOfItsOwn() {
    List<byte[]> rows = List.of(row(0, 10), row(1, RowBlock.BLOCK_BYTES + 5_000), row(2, 10));
    List<ByteBuffer> blocks = serialized(pack(rows), kryo());
    assertEquals(3, blocks.size());
    assertRows(rows, RowBlock.unpack(deserialized(blocks, kryo()), 2));
  }

  /**
   * Packing and reading back reuse their arrays: a table of 24 blocks of a megabyte costs a few of them, not one
   * per block (the allocation counted by the JVM for this thread).
   */
  @Test
  void packingAndReadingReuseTheirArrays() {
    List<byte[]> rows = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      rows.add(row(i, 4_000));
    }
    SerializerInstance kryo = kryo();
    Iterator<RowBlock> packed = pack(rows);
    ByteArrayOutputStream out = new ByteArrayOutputStream(30 << 20);
    SerializationStream stream = kryo.serializeStream(out);
    long before = allocatedBytes();
    int blocks = 0;
    for (; packed.hasNext(); blocks++) {
      stream.writeObject(packed.next(), BLOCK);
    }
    long packing = allocatedBytes() - before;
    stream.close();
    assertTrue(blocks >= 20, "blocks: " + blocks);
    Iterator<RowBlock> read = read(kryo.deserializeStream(new ByteArrayInputStream(out.toByteArray())));
    before = allocatedBytes();
    long rowsRead = 0;
    for (Iterator<InternalRow> unpacked = RowBlock.unpack(read, 2); unpacked.hasNext(); unpacked.next()) {
      rowsRead++;
    }
    long reading = allocatedBytes() - before;
    assertEquals(rows.size(), rowsRead);
    assertTrue(packing < 4L * RowBlock.BLOCK_BYTES, "packing " + blocks + " blocks allocated " + packing + " bytes");
    assertTrue(reading < 4L * RowBlock.BLOCK_BYTES, "reading " + blocks + " blocks allocated " + reading + " bytes");
  }

  /** Two tables read in turns on one thread, as a zip of their partitions would read them, keep their own rows. */
  @Test
  void tablesReadInTurnsOnOneThreadKeepTheirRows() {
    List<byte[]> one = rows(new Random(3), 1_500);
    List<byte[]> other = rows(new Random(5), 1_500);
    SerializerInstance kryo = kryo();
    Iterator<InternalRow> first = RowBlock.unpack(deserialized(serialized(pack(one), kryo), kryo), 2);
    Iterator<InternalRow> second = RowBlock.unpack(deserialized(serialized(pack(other), kryo), kryo), 2);
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), ((UnsafeRow) first.next()).getBytes(), "first table, row " + i);
      assertArrayEquals(other.get(i), ((UnsafeRow) second.next()).getBytes(), "second table, row " + i);
    }
    assertFalse(first.hasNext() || second.hasNext());
  }

  @Test
  void noRowsNoBlocks() {
    assertFalse(RowBlock.pack(Collections.emptyIterator()).hasNext());
    assertFalse(RowBlock.unpack(Collections.emptyIterator(), 2).hasNext());
  }

  @Test
  void aCutStreamIsAnError() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SerializationStream stream = kryo().serializeStream(out);
    stream.writeObject(pack(List.of(row(1, 20_000))).next(), BLOCK);
    stream.close();
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 100);
    Iterator<RowBlock> blocks = read(kryo().deserializeStream(new ByteArrayInputStream(cut)));
    KryoException e = assertThrows(KryoException.class, blocks::next);
    assertTrue(e.getMessage().contains("ends after"), e.getMessage());
  }

  private static SerializerInstance kryo() {
    return new KryoSerializer(new SparkConf().set("spark.kryo.referenceTracking", "false")).newInstance();
  }

  private static Iterator<RowBlock> read(DeserializationStream stream) {
    @SuppressWarnings("unchecked")
    Iterator<RowBlock> blocks = (Iterator<RowBlock>) (Iterator<?>) CollectionConverters.asJava(stream.asIterator());
    return blocks;
  }

  /** Packs the rows given through one reused row object, as a task's rows come. */
  private static Iterator<RowBlock> pack(List<byte[]> rows) {
    UnsafeRow reused = new UnsafeRow(2);
    Iterator<InternalRow> given = rows.stream().map(bytes -> {
      reused.pointTo(bytes, bytes.length);
      return (InternalRow) reused;
    }).iterator();
    return RowBlock.pack(given);
  }

  /** Each block serialized as it is given. */
  private static List<ByteBuffer> serialized(Iterator<RowBlock> blocks, SerializerInstance serializer) {
    List<ByteBuffer> serialized = new ArrayList<>();
    blocks.forEachRemaining(block -> serialized.add(serializer.serialize(block, BLOCK)));
    return serialized;
  }

  /** The blocks read back one at a time, as a reader takes them. */
  private static Iterator<RowBlock> deserialized(List<ByteBuffer> blocks, SerializerInstance serializer) {
    return blocks.stream().map(bytes -> serializer.<RowBlock>deserialize(bytes, BLOCK)).iterator();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static void assertRows(List<byte[]> expected, Iterator<InternalRow> actual) {
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(actual.hasNext(), "row " + i + " of " + expected.size());
      UnsafeRow row = (UnsafeRow) actual.next();
      assertArrayEquals(expected.get(i), row.getBytes(), "row " + i);
      assertEquals(i, row.getLong(0));
    }
    assertFalse(actual.hasNext());
  }

  private static List<byte[]> rows(Random random, int count) {
    List<byte[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row(i, random.nextInt(9_000)));
    }
    return rows;
  }

  /** A row of (number, a text of {@code textBytes} letters). */
  private static byte[] row(long number, int textBytes) {
    byte[] text = new byte[textBytes];
    Arrays.fill(text, (byte) ('a' + number % 26));
    UnsafeRowWriter writer = new UnsafeRowWriter(2, textBytes);
    writer.reset();
    writer.zeroOutNullBytes();
    writer.write(0, number);
    writer.write(1, UTF8String.fromBytes(text));
    return writer.getRow().getBytes();
  }
}
