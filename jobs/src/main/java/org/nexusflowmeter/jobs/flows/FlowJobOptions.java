package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.time.Duration;
import org.nexusflowmeter.flow.FlowTimeouts;

/**
 * What the flow job is asked to do: the idle timeout (default 60 s; or none, as tshark's conversations have
 * none), the active timeout (default off), and
 * whether each input file is its own capture ({@code source_file} set, flows never cross files) or all files are
 * read as one capture.
 */
public final class FlowJobOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Null when there is no idle timeout. */
  private final Duration idleTimeout;
  /** Null when there is no active timeout. */
  private final Duration activeTimeout;
  private final boolean filesKeptApart;

  private FlowJobOptions(Duration idleTimeout, Duration activeTimeout, boolean filesKeptApart) {
    if (idleTimeout != null && idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative: " + idleTimeout);
    }
    if (activeTimeout != null && activeTimeout.isNegative()) {
      throw new IllegalArgumentException("active timeout must not be negative: " + activeTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.activeTimeout = activeTimeout;
    this.filesKeptApart = filesKeptApart;
  }

  /** 60 s idle timeout, no active timeout, all files read as one capture. */
  public static FlowJobOptions defaults() {
    return new FlowJobOptions(Duration.ofSeconds(60), null, false);
  }

  public FlowJobOptions withIdleTimeout(Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException("idle timeout is null: use withoutIdleTimeout()");
    }
    return new FlowJobOptions(timeout, activeTimeout, filesKeptApart);
  }

  /** No idle timeout: a key's flow ends only by the active timeout or a TCP close and reopen. */
  public FlowJobOptions withoutIdleTimeout() {
    return new FlowJobOptions(null, activeTimeout, filesKeptApart);
  }

  /** @param timeout the active timeout, or null for none */
  public FlowJobOptions withActiveTimeout(Duration timeout) {
    return new FlowJobOptions(idleTimeout, timeout, filesKeptApart);
  }

  public FlowJobOptions withFilesKeptApart(boolean keptApart) {
    return new FlowJobOptions(idleTimeout, activeTimeout, keptApart);
  }

  /** Null when there is no idle timeout. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Null when there is no active timeout. */
  public Duration activeTimeout() {
    return activeTimeout;
  }

  public boolean filesKeptApart() {
    return filesKeptApart;
  }

  FlowTimeouts timeouts() {
    return new FlowTimeouts(idleTimeout == null ? FlowTimeouts.NO_IDLE_TIMEOUT : idleTimeout.toNanos(),
        activeTimeout == null ? FlowTimeouts.NO_ACTIVE_TIMEOUT : activeTimeout.toNanos());
  }
}
