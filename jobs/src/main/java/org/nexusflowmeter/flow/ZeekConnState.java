package org.nexusflowmeter.flow;

/**
 * Zeek's TCP {@code conn_state} for one flow, computed the way Zeek computes it, for a fixed choice of originator.
 *
 * <p>Each endpoint runs Zeek's endpoint state machine (TCPSessionAdapter: UpdateInactiveState, UpdateSYN_SentState,
 * UpdateEstablishedState, UpdateClosedState; a reset endpoint changes no more), where "endpoint" is the packet's
 * sender and "peer" the other side. A state change remembers the previous state. Per packet, in this order:
 * <ul>
 *   <li>INACTIVE: SYN from the originator → SYN_SENT (SYN_ACK_SENT with ACK); SYN from the responder → ESTABLISHED,
 *       and a SYN_SENT originator → ESTABLISHED. Then FIN → CLOSED; then RST → RESET. A packet that changed
 *       nothing: a responder's payload-less packet while the originator is SYN_SENT changes nothing; with ACK and
 *       an ESTABLISHED peer → ESTABLISHED; else → PARTIAL.</li>
 *   <li>SYN_SENT / SYN_ACK_SENT: FIN → CLOSED; RST → RESET.</li>
 *   <li>ESTABLISHED / PARTIAL: SYN without ACK from a PARTIAL endpoint whose peer is INACTIVE → SYN_SENT; FIN
 *       without RST → CLOSED, and a peer that is RESET after CLOSED goes back to CLOSED (FIN then RST was a normal
 *       close); RST → RESET.</li>
 *   <li>CLOSED: RST → RESET unless the peer is CLOSED too.</li>
 * </ul>
 * Then Zeek's {@code conn_state()} (base/protocols/conn/main.zeek), with o/r = originator/responder state and
 * "inactive" = INACTIVE or PARTIAL:
 * <ul>
 *   <li>r RESET: REJ if o is SYN_SENT or SYN_ACK_SENT, or o is RESET and neither side sent data; else RSTRH if o is
 *       inactive; else RSTR.</li>
 *   <li>o RESET: if r is inactive, RSTOS0 when the history matches {@code ^?S[^HAFGIQ]*R.*} (the first history
 *       letter is the originator's SYN and the originator sends RST before any SYN+ACK, pure ACK, FIN, or
 *       multi-flag packet of its own), else OTH; RSTO when r is not inactive.</li>
 *   <li>both CLOSED: SF; o CLOSED: SH if r inactive else S2; r CLOSED: SHR if o inactive else S3.</li>
 *   <li>o SYN_SENT and r INACTIVE: S0; both ESTABLISHED: S1; anything else OTH.</li>
 * </ul>
 * Differences from Zeek, all for want of sequence numbers: "sent data" is any non-RST packet with payload (Zeek
 * uses the sequence space); the SYN/SYN-ACK role reversal (which needs the SYN's sequence number) is not made;
 * the originator is the flow's initiator by the flow spec, not Zeek's first-packet guess.
 */
final class ZeekConnState {
  static final int INACTIVE = 0;
  static final int SYN_SENT = 1;
  static final int SYN_ACK_SENT = 2;
  static final int PARTIAL = 3;
  static final int ESTABLISHED = 4;
  static final int CLOSED = 5;
  static final int RESET = 6;

  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;

  // progress of the RSTOS0 history pattern
  private static final int HISTORY_EMPTY = 0;
  private static final int HISTORY_AFTER_ORIG_SYN = 1;
  private static final int HISTORY_MATCHED = 2;
  private static final int HISTORY_FAILED = 3;

  int origState;
  int origPrevious;
  int respState;
  int respPrevious;
  boolean origSentData;
  boolean respSentData;
  int historyPattern;

  void clear() {
    origState = INACTIVE;
    origPrevious = INACTIVE;
    respState = INACTIVE;
    respPrevious = INACTIVE;
    origSentData = false;
    respSentData = false;
    historyPattern = HISTORY_EMPTY;
  }

  void copyFrom(ZeekConnState other) {
    origState = other.origState;
    origPrevious = other.origPrevious;
    respState = other.respState;
    respPrevious = other.respPrevious;
    origSentData = other.origSentData;
    respSentData = other.respSentData;
    historyPattern = other.historyPattern;
  }

  boolean sameAs(ZeekConnState other) {
    return origState == other.origState && origPrevious == other.origPrevious && respState == other.respState
        && respPrevious == other.respPrevious && origSentData == other.origSentData
        && respSentData == other.respSentData && historyPattern == other.historyPattern;
  }

  /** Feeds one TCP packet; {@code flags} is the TCP flags byte. */
  void onPacket(boolean fromOrig, int flags, boolean hasPayload) {
    boolean syn = (flags & SYN) != 0;
    boolean fin = (flags & FIN) != 0;
    boolean rst = (flags & RST) != 0;
    boolean ack = (flags & ACK) != 0;
    if (hasPayload && !rst) {
      if (fromOrig) {
        origSentData = true;
      } else {
        respSentData = true;
      }
    }
    updateHistory(fromOrig, syn, fin, rst, ack, hasPayload);
    switch (state(fromOrig)) {
      case INACTIVE:
        inactive(fromOrig, syn, fin, rst, ack, hasPayload);
        break;
      case SYN_SENT:
      case SYN_ACK_SENT:
        if (fin) {
          set(fromOrig, CLOSED);
        }
        if (rst) {
          set(fromOrig, RESET);
        }
        break;
      case ESTABLISHED:
      case PARTIAL:
        established(fromOrig, syn, fin, rst, ack);
        break;
      case CLOSED:
        if (rst && state(!fromOrig) != CLOSED) {
          set(fromOrig, RESET);
        }
        break;
      default:
        break;
    }
  }

  private void inactive(boolean fromOrig, boolean syn, boolean fin, boolean rst, boolean ack, boolean hasPayload) {
    if (syn) {
      if (fromOrig) {
        set(true, ack ? SYN_ACK_SENT : SYN_SENT);
      } else {
        if (origState == SYN_SENT) {
          set(true, ESTABLISHED);
        }
        set(false, ESTABLISHED);
      }
    }
    if (fin) {
      set(fromOrig, CLOSED);
    }
    if (rst) {
      set(fromOrig, RESET);
    }
    if (state(fromOrig) == INACTIVE) {
      if (!fromOrig && !hasPayload && origState == SYN_SENT) {
        // some stacks ack a SYN before answering it: Zeek does not count that as a partial connection
        return;
      }
      set(fromOrig, ack && state(!fromOrig) == ESTABLISHED ? ESTABLISHED : PARTIAL);
    }
  }

  private void established(boolean fromOrig, boolean syn, boolean fin, boolean rst, boolean ack) {
    if (syn && !ack && state(fromOrig) == PARTIAL && state(!fromOrig) == INACTIVE) {
      set(fromOrig, SYN_SENT);
    }
    if (fin && !rst) {
      set(fromOrig, CLOSED);
      if (state(!fromOrig) == RESET && previous(!fromOrig) == CLOSED) {
        set(!fromOrig, CLOSED);
      }
    }
    if (rst) {
      set(fromOrig, RESET);
    }
  }

  // Zeek's history letters that matter to the RSTOS0 pattern; upper case means "from the originator".
  private void updateHistory(boolean fromOrig, boolean syn, boolean fin, boolean rst, boolean ack,
      boolean hasPayload) {
    if (historyPattern == HISTORY_MATCHED || historyPattern == HISTORY_FAILED) {
      return;
    }
    int controlBits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    char letter;
    if (controlBits > 1) {
      letter = fin && rst ? 'I' : 'Q';
    } else if (syn) {
      letter = ack ? 'H' : 'S';
    } else if (fin) {
      letter = 'F';
    } else if (rst) {
      letter = 'R';
    } else if (hasPayload) {
      letter = 'D';
    } else if (ack) {
      letter = 'A';
    } else {
      return; // a packet with no flags and no payload adds no letter
    }
    if (historyPattern == HISTORY_EMPTY) {
      historyPattern = fromOrig && letter == 'S' ? HISTORY_AFTER_ORIG_SYN : HISTORY_FAILED;
    } else if (fromOrig) {
      if (letter == 'R') {
        historyPattern = HISTORY_MATCHED;
      } else if (letter != 'S' && letter != 'D') {
        historyPattern = HISTORY_FAILED;
      }
    }
  }

  private int state(boolean orig) {
    return orig ? origState : respState;
  }

  private int previous(boolean orig) {
    return orig ? origPrevious : respPrevious;
  }

  private void set(boolean orig, int newState) {
    if (orig && origState != newState) {
      origPrevious = origState;
      origState = newState;
    } else if (!orig && respState != newState) {
      respPrevious = respState;
      respState = newState;
    }
  }

  /** Zeek's conn_state code (S0, SF, REJ, ...). */
  String zeekCode() {
    boolean origInactive = origState == INACTIVE || origState == PARTIAL;
    boolean respInactive = respState == INACTIVE || respState == PARTIAL;
    if (respState == RESET) {
      if (origState == SYN_SENT || origState == SYN_ACK_SENT
          || (origState == RESET && !origSentData && !respSentData)) {
        return "REJ";
      }
      return origInactive ? "RSTRH" : "RSTR";
    }
    if (origState == RESET) {
      if (respInactive) {
        return historyPattern == HISTORY_MATCHED ? "RSTOS0" : "OTH";
      }
      return "RSTO";
    }
    if (respState == CLOSED && origState == CLOSED) {
      return "SF";
    }
    if (origState == CLOSED) {
      return respInactive ? "SH" : "S2";
    }
    if (respState == CLOSED) {
      return origInactive ? "SHR" : "S3";
    }
    if (origState == SYN_SENT && respState == INACTIVE) {
      return "S0";
    }
    if (origState == ESTABLISHED && respState == ESTABLISHED) {
      return "S1";
    }
    return "OTH";
  }

  /** Column 34's name for a Zeek conn_state code, as the flow spec maps them. */
  static String displayName(String zeekCode) {
    switch (zeekCode) {
      case "S0": return "Attempted";
      case "REJ": return "Rejected";
      case "S1": return "Established";
      case "SF": return "Closed";
      case "S2":
      case "S3": return "Closing";
      case "RSTO":
      case "RSTR":
      case "RSTOS0":
      case "RSTRH": return "Reset";
      case "SH":
      case "SHR": return "Aborted";
      default: return "Midstream";
    }
  }
}
