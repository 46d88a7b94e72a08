package dev.jkvm.devices.e1000;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.GuestMemoryException;

/**
 * The receive DMA engine: stores a frame into the buffers of the descriptors from RDH on, one
 * buffer of RCTL's size per descriptor, and writes each descriptor back (length, packet checksum,
 * status DD, EOP on the last, checksum verdicts, VLAN tag). A frame goes in whole or not at all: when
 * the ring lacks descriptors for it, nothing is written and the caller keeps the frame.
 *
 * <p>A descriptor outside guest RAM drops the frame; a buffer outside RAM ends the frame in that
 * descriptor with the RX error bit. Both count a DMA error.
 */
final class Receiver {
    static final int STATUS_DD = 0x01, STATUS_EOP = 0x02, STATUS_VP = 0x08;
    static final int ERROR_RXE = 0x80;

    static final int RCTL_RDMTS_SHIFT = 8, RCTL_BSIZE_SHIFT = 16, RCTL_BSEX = 1 << 25;

    enum Outcome { STORED, NO_DESCRIPTORS, DROPPED }

    private final GuestMemory dma;
    final DescriptorRing ring = new DescriptorRing();
    private long dmaErrors;

    Receiver(GuestMemory dma) {
        this.dma = dma;
    }

    long dmaErrors() {
        return dmaErrors;
    }

    /** RCTL.BSIZE with BSEX: 2048, 1024, 512, 256 bytes, or 16, 8, 4 KiB extended (reserved 00 taken as 2048). */
    static int bufferSize(int rctl) {
        int code = (rctl >>> RCTL_BSIZE_SHIFT) & 3;
        if ((rctl & RCTL_BSEX) != 0 && code != 0) return 65536 >>> code;
        return 2048 >>> code;
    }

    /**
     * Stores {@code frame[0, length)} (FCS included if the caller appended it).
     *
     * @param statusAndErrors checksum status bits (low byte) and error bits (next byte) for the last descriptor
     * @param vlanTag         the stripped tag for the special field, or -1
     */
    Outcome store(byte[] frame, int length, int rctl, int checksum, int statusAndErrors, int vlanTag) {
        int bufferSize = bufferSize(rctl);
        int needed = Math.max(1, (length + bufferSize - 1) / bufferSize);
        if (ring.owned() < needed) return Outcome.NO_DESCRIPTORS;
        int done = 0;
        while (true) {
            long descriptor = ring.headAddress();
            long buffer;
            try {
                buffer = dma.readLong(descriptor);
            } catch (GuestMemoryException e) {
                dmaErrors++;
                return Outcome.DROPPED;
            }
            int chunk = Math.min(bufferSize, length - done);
            boolean last = done + chunk == length;
            int status = STATUS_DD;
            int errors = 0;
            try {
                dma.write(buffer, frame, done, chunk);
            } catch (GuestMemoryException e) {
                dmaErrors++;
                chunk = 0;
                last = true;
                errors = ERROR_RXE;
            }
            if (last) {
                status |= STATUS_EOP | (statusAndErrors & 0xff) | (vlanTag >= 0 ? STATUS_VP : 0);
                errors |= (statusAndErrors >>> 8) & 0xff;
            }
            long writeBack = chunk | (long) (last ? checksum : 0) << 16 | (long) status << 32 | (long) errors << 40
                    | (long) (last && vlanTag >= 0 ? vlanTag : 0) << 48;
            try {
                dma.writeLong(descriptor + 8, writeBack);
            } catch (GuestMemoryException e) {
                dmaErrors++;
                return Outcome.DROPPED;
            }
            ring.advanceHead();
            done += chunk;
            if (last) return (errors & ERROR_RXE) != 0 ? Outcome.DROPPED : Outcome.STORED;
        }
    }

    /** RCTL.RDMTS: the descriptor minimum threshold is 1/2, 1/4 or 1/8 of the ring. */
    boolean belowMinimumThreshold(int rctl) {
        int shift = Math.min(3, ((rctl >>> RCTL_RDMTS_SHIFT) & 3) + 1);
        return ring.owned() <= ring.size() >>> shift;
    }

    void reset() {
        ring.reset();
    }
}
