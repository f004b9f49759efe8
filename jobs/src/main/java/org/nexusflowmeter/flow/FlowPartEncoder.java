package org.nexusflowmeter.flow;

/**
 * Encodes flow parts as {@link FlowPart#toBytes} does, into one buffer reused from part to part, for a caller
 * that copies the bytes at once (into a row, say): nothing is allocated per part. A segment's flows are millions
 * of parts, each encoded once and shipped at once.
 */
public final class FlowPartEncoder {
  private final FlowStateCodec.Writer out = new FlowStateCodec.Writer(FlowStateCodec.FIRST_CAPACITY);

  /**
   * Encodes {@code part}: its bytes are those of {@link #buffer()} from 0 to {@link #length()}, until the next
   * call.
   */
  public void encode(FlowPart part) {
    out.reset();
    FlowStateCodec.encode(part.state, out);
  }

  /** The array holding the last part's bytes. */
  public byte[] buffer() {
    return out.array();
  }

  /** How many bytes the last part took. */
  public int length() {
    return out.length();
  }
}
