package org.nexusflowmeter.flow;

/**
 * Where one flow of a key ends and the next begins, in packet time: a packet more than {@code idleNanos} after the
 * flow's last packet, or (when {@code activeNanos} is not {@link #NO_ACTIVE_TIMEOUT}) more than {@code activeNanos}
 * after the flow's first packet, starts a new flow. Both comparisons are strictly greater.
 */
public final class FlowTimeouts {
  public static final long NO_ACTIVE_TIMEOUT = -1;
  /** An idle timeout no gap exceeds: flows end only by the active timeout or a TCP close and reopen. */
  public static final long NO_IDLE_TIMEOUT = Long.MAX_VALUE;
  /** The CLI default: 60 s idle, no active timeout. */
  public static final FlowTimeouts DEFAULT = new FlowTimeouts(60_000_000_000L, NO_ACTIVE_TIMEOUT);

  public final long idleNanos;
  public final long activeNanos;

  public FlowTimeouts(long idleNanos, long activeNanos) {
    if (idleNanos < 0) {
      throw new IllegalArgumentException("idle timeout must be >= 0: " + idleNanos);
    }
    if (activeNanos < 0 && activeNanos != NO_ACTIVE_TIMEOUT) {
      throw new IllegalArgumentException("active timeout must be >= 0 or NO_ACTIVE_TIMEOUT: " + activeNanos);
    }
    this.idleNanos = idleNanos;
    this.activeNanos = activeNanos;
  }

  boolean idleExpired(long lastNanos, long nowNanos) {
    return nowNanos - lastNanos > idleNanos;
  }

  boolean activeExpired(long firstNanos, long nowNanos) {
    return activeNanos != NO_ACTIVE_TIMEOUT && nowNanos - firstNanos > activeNanos;
  }
}
