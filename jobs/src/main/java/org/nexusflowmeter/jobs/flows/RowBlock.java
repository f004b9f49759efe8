package org.nexusflowmeter.jobs.flows;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Externalizable;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

/**
 * Rows in Spark's {@link UnsafeRow} format packed into one array of about a megabyte (each row's size in four
 * bytes, then the row), the unit in which the flow table is kept on disk ({@link FlowTableCheckpoint}).
 *
 * <p>Why not the rows themselves: Spark writes stored values through Kryo's 4 KB output buffer, which flushes its
 * stream at every 4 KB, so a table stored row by row became a write call every 4 KB (a third of those calls'
 * kernel time zeroing the pages they only partly filled), and reading it back made an array and read a class
 * tag per row. A block is written with one call and read back into one array.
 *
 * <p>The arrays are reused, because the table is stored and read a block at a time. A block {@link #pack} gives
 * is valid until its next call (Spark's disk store writes each block out as it is given). A block read back takes
 * its thread's spare array, and whoever is done with it {@link #release}s it as the spare: {@link #unpack} when it
 * has handed on the block's last row, the job's store when it has stored it. Each megabyte array had been a fresh
 * one, a fifth of what a run of the command allocated.
 */
final class RowBlock implements KryoSerializable, Externalizable {
  private static final long serialVersionUID = 1L;

  /** Bytes a block holds before the next row starts a new one (a longer row gets a block of its own). */
  static final int BLOCK_BYTES = 1 << 20;

  /** An array a block of this thread was read into and released, for the thread's next block read. */
  private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

  private byte[] bytes;
  private int length;

  /** For Kryo and Java serialization, which fill it by {@code read}. */
  public RowBlock() {}

  private RowBlock(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /**
   * {@code rows} (each an {@link UnsafeRow}; they may be reused objects) packed into blocks, in order; a block is
   * valid until the next call.
   */
  static Iterator<RowBlock> pack(Iterator<InternalRow> rows) {
    return new Packer(rows);
  }

  /**
   * The rows of {@code blocks}, in order, each of {@code fields} fields: one row object pointed at each row in
   * turn, valid until the next call (Spark's scan of an RDD copies each row it is given).
   */
  static Iterator<InternalRow> unpack(Iterator<RowBlock> blocks, int fields) {
    return new Unpacker(blocks, fields);
  }

  @Override
  public void write(Kryo kryo, Output output) {
    output.writeInt(length);
    OutputStream stream = output.getOutputStream();
    if (stream == null) {
      output.writeBytes(bytes, 0, length);
      return;
    }
    // what Kryo holds goes first, then the block straight to the stream instead of 4 KB at a time
    output.flush();
    try {
      stream.write(bytes, 0, length);
    } catch (IOException e) {
      throw new KryoException(e);
    }
  }

  @Override
  public void read(Kryo kryo, Input input) {
    length = checkedLength(input.readInt());
    bytes = takeArray(length);
    InputStream stream = input.getInputStream();
    if (stream == null) {
      input.readBytes(bytes, 0, length);
      return;
    }
    // Kryo may already hold the block's first bytes; the rest comes straight from the stream
    int held = Math.min(input.limit() - input.position(), length);
    System.arraycopy(input.getBuffer(), input.position(), bytes, 0, held);
    input.setPosition(input.position() + held);
    try {
      for (int at = held; at < length; ) {
        int read = stream.read(bytes, at, length - at);
        if (read < 0) {
          throw new KryoException("row block ends after " + at + " of its " + length + " bytes");
        }
        at += read;
      }
    } catch (IOException e) {
      throw new KryoException(e);
    }
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeInt(length);
    out.write(bytes, 0, length);
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    length = checkedLength(in.readInt());
    bytes = takeArray(length);
    in.readFully(bytes, 0, length);
  }

  /** The thread's spare array if it holds {@code length} bytes, else a new one. */
  private static byte[] takeArray(int length) {
    byte[] spare = SPARE.get();
    if (spare != null && spare.length >= length) {
      SPARE.set(null);
      return spare;
    }
    return new byte[Math.max(length, BLOCK_BYTES)];
  }

  /** Done with this block, read back on this thread: its array becomes the thread's spare. */
  void release() {
    byte[] spare = SPARE.get();
    if (bytes != null && (spare == null || spare.length < bytes.length)) {
      SPARE.set(bytes);
    }
    bytes = null;
    length = 0;
  }

  private static int checkedLength(int length) {
    if (length < 0) {
      throw new IllegalStateException("row block of negative length " + length);
    }
    return length;
  }

  private static final class Packer implements Iterator<RowBlock> {
    private final Iterator<InternalRow> rows;
    private byte[] bytes;
    private int length;
    /** The array of the block given last: written out by the time the next block needs an array. */
    private byte[] given;

    Packer(Iterator<InternalRow> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      return length > 0 || rows.hasNext();
    }

    @Override
    public RowBlock next() {
      while (rows.hasNext()) {
        UnsafeRow row = (UnsafeRow) rows.next();
        int size = row.getSizeInBytes();
        RowBlock full = null;
        if (bytes == null || length + 4 + size > bytes.length) {
          if (length > 0) {
            full = new RowBlock(bytes, length);
          }
          bytes = given != null && given.length >= 4 + size ? given : new byte[Math.max(BLOCK_BYTES, 4 + size)];
          given = full == null ? null : full.bytes;
          length = 0;
        }
        Platform.putInt(bytes, Platform.BYTE_ARRAY_OFFSET + length, size);
        row.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET + length + 4);
        length += 4 + size;
        if (full != null) {
          return full;
        }
      }
      if (length == 0) {
        throw new NoSuchElementException();
      }
      RowBlock last = new RowBlock(bytes, length);
      bytes = null;
      length = 0;
      return last;
    }
  }

  private static final class Unpacker implements Iterator<InternalRow> {
    private final Iterator<RowBlock> blocks;
    private final UnsafeRow row;
    private RowBlock block;
    /** The block before, released at the next row: its last row stays valid until then. */
    private RowBlock previous;
    private int offset;

    Unpacker(Iterator<RowBlock> blocks, int fields) {
      this.blocks = blocks;
      this.row = new UnsafeRow(fields);
    }

    @Override
    public boolean hasNext() {
      while (block == null || offset == block.length) {
        if (!blocks.hasNext()) {
          return false;
        }
        if (block != null) {
          retire(block);
        }
        block = blocks.next();
        offset = 0;
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (previous != null) {
        previous.release();
        previous = null;
      }
      int size = block.length - offset >= 4 ? Platform.getInt(block.bytes, Platform.BYTE_ARRAY_OFFSET + offset) : -1;
      if (size < 0 || size > block.length - offset - 4) {
        throw new IllegalStateException("row block of " + block.length + " bytes has a row of " + size
            + " bytes at " + offset);
      }
      row.pointTo(block.bytes, Platform.BYTE_ARRAY_OFFSET + offset + 4, size);
      offset += 4 + size;
      return row;
    }

    /** A block whose rows are all handed on: its last row may be in use until the next row is asked for. */
    private void retire(RowBlock done) {
      if (done.length == 0) {
        done.release();
        return;
      }
      if (previous != null) {
        previous.release();
      }
      previous = done;
    }
  }
}
