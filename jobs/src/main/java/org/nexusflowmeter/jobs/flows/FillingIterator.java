package org.nexusflowmeter.jobs.flows;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over results made on demand from an input: {@link #fill} consumes some input and {@link #emit}s
 * zero or more results, so a task holds only what one step makes (the flows that one packet completed, one
 * key's flows), never its whole output.
 */
abstract class FillingIterator<T> implements Iterator<T> {
  private final ArrayDeque<T> ready = new ArrayDeque<>();
  private boolean inputLeft = true;

  /**
   * Consumes the next piece of input, emitting what it completes.
   *
   * @return false when the input was already used up (then emit what remains, if anything)
   */
  protected abstract boolean fill();

  protected final void emit(T result) {
    ready.add(result);
  }

  @Override
  public final boolean hasNext() {
    while (ready.isEmpty() && inputLeft) {
      inputLeft = fill();
    }
    return !ready.isEmpty();
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }
}
