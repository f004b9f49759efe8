package org.nexusflowmeter.jobs.report.scan;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A part of a scan's result that writes its own compact form, the same bytes whichever serializer a session uses
 * for task results: Kryo's (the command's) through these methods, since it skips Java's serialization hooks, and
 * Java's (the default) through the class's own {@code writeObject} and {@code readObject}, which call
 * {@link #writeTo} and {@link #readFrom} too.
 */
interface DataSerializable extends KryoSerializable {
  void writeTo(DataOutput out) throws IOException;

  /** Reads back into an instance made without its constructor. */
  void readFrom(DataInput in) throws IOException;

  @Override
  default void write(Kryo kryo, Output output) {
    try {
      DataOutputStream out = new DataOutputStream(output);
      writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  default void read(Kryo kryo, Input input) {
    try {
      readFrom(new DataInputStream(input));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
