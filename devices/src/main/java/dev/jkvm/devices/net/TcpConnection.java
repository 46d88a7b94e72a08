package dev.jkvm.devices.net;

/**
 * The peer's end of one TCP connection the guest opened to a built-in service (RFC 793 states from
 * SYN-RECEIVED on; TIME-WAIT is skipped since the peer never reuses the guest's port pair).
 *
 * <p>Received data is taken only in order: a segment beyond the next expected byte, or one
 * entirely old, is answered with an ACK for what we have, which makes the guest retransmit. Data
 * to send waits in a buffer until acknowledged; three duplicate ACKs, or {@link #RETRANSMIT_NANOS}
 * without progress, resend from the oldest unacknowledged byte (go-back-N), and a zero window is
 * probed the same way. The peer always advertises a 64 KiB window (no window scaling): services
 * consume what arrives at once.
 */
final class TcpConnection {
    enum State { SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, LAST_ACK, FIN_WAIT_1, FIN_WAIT_2, CLOSING, CLOSED }

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    static final int WINDOW = 65535, PEER_MSS = 1460, DEFAULT_MSS = 536;
    static final long RETRANSMIT_NANOS = 300_000_000L;
    private static final int SEND_BUFFER = 256 * 1024;

    /** Where the connection's segments go; the payload array is only valid during the call. */
    interface Output {
        void segment(TcpConnection connection, int flags, int sequence, int acknowledgement, byte[] payload,
                     int offset, int length);
    }

    final int guestPort;
    final int peerPort;
    private final TcpService.Session session;
    private final Output output;
    private final int mss;

    private State state = State.SYN_RECEIVED;
    private final int initialSequence;
    private int sendUnacknowledged;
    private int sendNext;
    private int sendWindow;
    private int receiveNext;
    private int duplicateAcks;
    private long lastProgressNanos;
    private boolean ackPending;
    private boolean probeWindow;

    /** Bytes from sequence {@code bufferSequence} on: sent but unacknowledged, then unsent. */
    private final byte[] buffer = new byte[SEND_BUFFER];
    private int bufferStart;
    private int bufferEnd;
    private int bufferSequence;
    private boolean replyComplete;
    private boolean finSent;

    TcpConnection(int guestPort, int peerPort, int guestSequence, int guestMss, int window, int initialSequence,
                  TcpService.Session session, Output output, long now) {
        this.guestPort = guestPort;
        this.peerPort = peerPort;
        this.session = session;
        this.output = output;
        this.mss = Math.max(64, Math.min(guestMss, PEER_MSS));
        this.initialSequence = initialSequence;
        this.receiveNext = guestSequence + 1;
        this.sendUnacknowledged = initialSequence;
        this.sendNext = initialSequence + 1;
        this.sendWindow = window;
        this.bufferSequence = initialSequence + 1;
        this.lastProgressNanos = now;
        sendSynAck();
    }

    State state() {
        return state;
    }

    /** The SYN-ACK carries the MSS option; {@link Output} adds it for segments with SYN set. */
    private void sendSynAck() {
        output.segment(this, SYN | ACK, initialSequence, receiveNext, buffer, 0, 0);
    }

    /** A segment from the guest for this connection (checksum already verified). */
    void receive(int flags, int sequence, int acknowledgement, int window, byte[] data, int offset, int length, long now) {
        if ((flags & RST) != 0) {
            state = State.CLOSED;
            ackPending = false;
            return;
        }
        if ((flags & SYN) != 0) {
            if (state == State.SYN_RECEIVED && sequence == receiveNext - 1) sendSynAck(); // the guest retransmitted its SYN
            return;
        }
        if ((flags & ACK) == 0) return;
        if (state == State.SYN_RECEIVED) {
            if (acknowledgement != initialSequence + 1) return;
            state = State.ESTABLISHED;
            sendUnacknowledged = acknowledgement;
        }
        acknowledge(acknowledgement, window, length == 0 && (flags & FIN) == 0, now);
        if (length > 0 || (flags & FIN) != 0) accept(sequence, data, offset, length, (flags & FIN) != 0);
    }

    private void acknowledge(int ack, int window, boolean pureAck, long now) {
        if (after(ack, sendUnacknowledged) && !after(ack, sendNext)) {
            int dataAcked = Math.min(ack - bufferSequence, bufferEnd - bufferStart);
            if (dataAcked > 0) {
                bufferStart += dataAcked;
                bufferSequence += dataAcked;
            }
            sendUnacknowledged = ack;
            duplicateAcks = 0;
            lastProgressNanos = now;
        } else if (ack == sendUnacknowledged && pureAck && window == sendWindow && sendNext != sendUnacknowledged
                && ++duplicateAcks == 3) {
            sendNext = sendUnacknowledged;
            duplicateAcks = 0;
        }
        if (window > sendWindow) lastProgressNanos = now;
        sendWindow = window;
        if (finSent && sendUnacknowledged == finSequence() + 1) {
            state = switch (state) {
                case FIN_WAIT_1 -> State.FIN_WAIT_2;
                case CLOSING, LAST_ACK -> State.CLOSED;
                default -> state;
            };
        }
    }

    private void accept(int sequence, byte[] data, int offset, int length, boolean fin) {
        ackPending = true;
        if (state != State.ESTABLISHED && state != State.FIN_WAIT_1 && state != State.FIN_WAIT_2) return;
        int skip = receiveNext - sequence;
        if (skip < 0 || skip > length || (skip == length && !fin)) return; // out of order or old: re-ACK
        if (length > skip) session.received(data, offset + skip, length - skip);
        receiveNext += length - skip;
        if (!fin) return;
        receiveNext++;
        session.receiveClosed();
        state = switch (state) {
            case ESTABLISHED -> State.CLOSE_WAIT;
            case FIN_WAIT_1 -> State.CLOSING;
            default -> State.CLOSED; // FIN-WAIT-2: both sides done
        };
    }

    /** Retransmits after {@link #RETRANSMIT_NANOS} without progress. */
    void checkTimer(long now) {
        if (state == State.CLOSED || state == State.SYN_RECEIVED || now - lastProgressNanos < RETRANSMIT_NANOS) return;
        if (sendNext != sendUnacknowledged) {
            sendNext = sendUnacknowledged;
            lastProgressNanos = now;
        } else if (sendWindow == 0 && bufferEnd > bufferStart) {
            probeWindow = true;
            lastProgressNanos = now;
        }
    }

    /** Sends what the window allows, up to {@code maxSegments}; returns how many segments went out. */
    int pump(int maxSegments, long now) {
        if (state == State.SYN_RECEIVED || state == State.CLOSED) return 0;
        fillBuffer();
        if (sendNext == sendUnacknowledged) lastProgressNanos = now; // the retransmit timer starts with the first byte in flight
        int sent = 0;
        while (sent < maxSegments) {
            int unsentOffset = sendNext - bufferSequence;
            int unsent = bufferEnd - bufferStart - unsentOffset;
            int window = sendWindow - (sendNext - sendUnacknowledged);
            if (probeWindow && window <= 0 && sendNext == sendUnacknowledged) window = 1;
            if (unsent > 0 && window > 0) {
                int n = Math.min(Math.min(mss, unsent), window);
                boolean push = n == unsent;
                output.segment(this, ACK | (push ? PSH : 0), sendNext, receiveNext, buffer, bufferStart + unsentOffset, n);
                sendNext += n;
                probeWindow = false;
                ackPending = false;
                sent++;
            } else if (replyComplete && unsent == 0 && sendNext == finSequence() && sendingAllowed()) {
                output.segment(this, FIN | ACK, sendNext, receiveNext, buffer, 0, 0);
                sendNext++;
                ackPending = false;
                if (!finSent) state = state == State.CLOSE_WAIT ? State.LAST_ACK : State.FIN_WAIT_1;
                finSent = true;
                sent++;
            } else {
                break;
            }
        }
        return sent;
    }

    private boolean sendingAllowed() {
        return state == State.ESTABLISHED || state == State.CLOSE_WAIT || finSent;
    }

    /** The FIN's sequence number once the reply is complete: right after the last data byte. */
    private int finSequence() {
        return bufferSequence + bufferEnd - bufferStart;
    }

    private void fillBuffer() {
        if (replyComplete || (state != State.ESTABLISHED && state != State.CLOSE_WAIT)) return;
        if (bufferStart > 0 && bufferEnd > SEND_BUFFER / 2) {
            System.arraycopy(buffer, bufferStart, buffer, 0, bufferEnd - bufferStart);
            bufferEnd -= bufferStart;
            bufferStart = 0;
        }
        while (bufferEnd < SEND_BUFFER) {
            int n = session.produce(buffer, bufferEnd, SEND_BUFFER - bufferEnd);
            if (n < 0) {
                replyComplete = true;
                return;
            }
            if (n == 0) return;
            bufferEnd += n;
        }
    }

    /** Sends a bare ACK if received data or a FIN has not been acknowledged by an outgoing segment yet. */
    void flushAck() {
        if (!ackPending) return;
        ackPending = false;
        output.segment(this, ACK, sendNext, receiveNext, buffer, 0, 0);
    }

    /** Sequence comparison modulo 2^32. */
    private static boolean after(int a, int b) {
        return a - b > 0;
    }
}
