package dev.jkvm.devices.e1000;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.GuestMemoryException;
import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.TcpSegmentation;

/**
 * The transmit DMA engine: walks the ring from TDH to TDT, gathers each packet's buffers until EOP,
 * applies the offloads its descriptors ask for and hands the frames out. Three descriptor formats:
 * legacy (one optional checksum, CSO/CSS with CMD.IC), TCP/IP context (sets up offloads) and
 * extended data (POPTS IXSM/TXSM checksums, DCMD.TSE segmentation). Offload fields come from a
 * packet's first descriptor, the VLAN tag from its last.
 *
 * <p>A descriptor or buffer outside guest RAM drops its packet and counts a DMA error; the ring
 * still advances so one bad descriptor cannot wedge the queue.
 */
final class Transmitter {
    /** Larger than any TSO packet the driver builds (64 KiB of payload plus headers). */
    static final int MAX_PACKET = 256 * 1024;

    private static final int CMD_EOP = 0x01, CMD_IC = 0x04, CMD_TSE = 0x04, CMD_RS = 0x08, CMD_DEXT = 0x20,
            CMD_VLE = 0x40;
    private static final int DTYP_CONTEXT = 0x0, DTYP_DATA = 0x1;
    private static final int POPTS_IXSM = 0x01, POPTS_TXSM = 0x02;
    private static final int STATUS_DD = 0x01;
    private static final int VLAN_TAG = 4, MAC_ADDRESSES = 12, MIN_FRAME = 60;

    @FunctionalInterface
    interface FrameOutput {
        /** A finished frame as it goes on the wire, without FCS. */
        void send(byte[] frame);
    }

    private final GuestMemory dma;
    private final Statistics statistics;
    final DescriptorRing ring = new DescriptorRing();

    private OffloadContext context;
    private final byte[] packet = new byte[MAX_PACKET];
    private int packetLength;
    private boolean inPacket;
    private boolean dropping;
    private int firstCommand;
    private boolean extended;
    private int options;
    private int legacyChecksumStart;
    private int legacyChecksumAt;
    private long dmaErrors;

    Transmitter(GuestMemory dma, Statistics statistics) {
        this.dma = dma;
        this.statistics = statistics;
    }

    long dmaErrors() {
        return dmaErrors;
    }

    void reset() {
        ring.reset();
        context = null;
        endPacket();
    }

    /**
     * Processes every descriptor software has handed over.
     *
     * @param vlanEtherType VET when CTRL.VME enables tag insertion, else -1
     * @param padShort      TCTL.PSP: pad frames to the 60-byte minimum
     * @return the interrupt causes to raise
     */
    int process(FrameOutput out, int vlanEtherType, boolean padShort) {
        int causes = 0;
        boolean worked = false;
        while (ring.owned() > 0) {
            worked = true;
            long address = ring.headAddress();
            try {
                long buffer = dma.readLong(address);
                int lower = dma.readInt(address + 8);
                int upper = dma.readInt(address + 12);
                int command = lower >>> 24;
                handle(buffer, lower, upper, out, vlanEtherType, padShort);
                if ((command & CMD_RS) != 0) {
                    dma.writeInt(address + 12, upper | STATUS_DD);
                    causes |= Interrupts.TXDW;
                }
            } catch (GuestMemoryException e) {
                dmaErrors++;
                dropping = inPacket;
            }
            ring.advanceHead();
        }
        return worked ? causes | Interrupts.TXQE : causes;
    }

    private void handle(long buffer, int lower, int upper, FrameOutput out, int vlanEtherType, boolean padShort) {
        int command = lower >>> 24;
        boolean dext = (command & CMD_DEXT) != 0;
        int type = (lower >>> 20) & 0xf;
        if (dext && type == DTYP_CONTEXT) {
            context = OffloadContext.decode((int) buffer, (int) (buffer >>> 32), lower, upper);
            return;
        }
        if (dext && type != DTYP_DATA) return; // reserved descriptor type: skipped
        int length = dext ? lower & 0xfffff : lower & 0xffff;
        if (!inPacket) startPacket(command, dext, lower, upper);
        gather(buffer, length);
        if ((command & CMD_EOP) != 0) {
            int vlanTag = (command & CMD_VLE) != 0 && vlanEtherType >= 0 ? upper >>> 16 : -1;
            if (!dropping) finishPacket(out, vlanEtherType, vlanTag, padShort);
            endPacket();
        }
    }

    private void startPacket(int command, boolean dext, int lower, int upper) {
        inPacket = true;
        firstCommand = command;
        extended = dext;
        options = dext ? (upper >>> 8) & 0xff : 0;
        legacyChecksumAt = (lower >>> 16) & 0xff;
        legacyChecksumStart = (upper >>> 8) & 0xff;
    }

    private void gather(long buffer, int length) {
        if (dropping) return;
        if (packetLength + length > MAX_PACKET) {
            dropping = true;
            return;
        }
        try {
            dma.read(buffer, packet, packetLength, length);
            packetLength += length;
        } catch (GuestMemoryException e) {
            dmaErrors++;
            dropping = true;
        }
    }

    private void finishPacket(FrameOutput out, int vlanEtherType, int vlanTag, boolean padShort) {
        TcpSegmentation.Output emit = (frame, length) -> out.send(onWire(frame, length, vlanEtherType, vlanTag, padShort));
        if (!extended) {
            if ((firstCommand & CMD_IC) != 0) {
                Segmenter.insertChecksum(packet, packetLength, legacyChecksumStart, 0, legacyChecksumAt, 0);
            }
            emit.emit(packet, packetLength);
            return;
        }
        boolean ip = (options & POPTS_IXSM) != 0 && context != null;
        boolean transport = (options & POPTS_TXSM) != 0 && context != null;
        if ((firstCommand & CMD_TSE) != 0 && context != null && context.segmentation()) {
            if (Segmenter.canSegment(context, packetLength)) {
                Segmenter.segment(packet, packetLength, context, ip, transport, emit);
                statistics.count(Statistics.TSCTC);
            } else {
                statistics.count(Statistics.TSCTFC);
            }
            return;
        }
        if (context != null) Segmenter.insertChecksums(packet, packetLength, context, ip, transport);
        emit.emit(packet, packetLength);
    }

    /** The frame with its VLAN tag inserted after the MAC addresses (tag -1: none), padded if asked. */
    private static byte[] onWire(byte[] frame, int length, int vlanEtherType, int vlanTag, boolean padShort) {
        int tagLength = vlanTag >= 0 && length >= MAC_ADDRESSES ? VLAN_TAG : 0;
        byte[] wire = new byte[Math.max(length + tagLength, padShort ? MIN_FRAME : 0)];
        if (tagLength == 0) {
            System.arraycopy(frame, 0, wire, 0, length);
            return wire;
        }
        System.arraycopy(frame, 0, wire, 0, MAC_ADDRESSES);
        BigEndian.putShort(wire, MAC_ADDRESSES, vlanEtherType);
        BigEndian.putShort(wire, MAC_ADDRESSES + 2, vlanTag);
        System.arraycopy(frame, MAC_ADDRESSES, wire, MAC_ADDRESSES + VLAN_TAG, length - MAC_ADDRESSES);
        return wire;
    }

    private void endPacket() {
        inPacket = false;
        dropping = false;
        packetLength = 0;
    }
}
