package org.nexusflowmeter.pcap.format;

/** The reader of a file that is no capture: one error record at offset 0, or nothing for a later split. */
final class ErrorOnlyReader implements CaptureReader {
  private final PacketRecord record = new PacketRecord();
  private boolean pending;

  /** error null: a reader that has nothing. */
  ErrorOnlyReader(String error) {
    record.error = error;
    record.data = new byte[0];
    pending = error != null;
  }

  @Override
  public boolean next() {
    boolean has = pending;
    pending = false;
    return has;
  }

  @Override
  public PacketRecord record() {
    return record;
  }

  @Override
  public void close() {}
}
