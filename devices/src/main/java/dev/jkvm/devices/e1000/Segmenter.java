package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.InternetChecksum;
import dev.jkvm.devices.net.TcpSegmentation;

/**
 * Transmit offloads applied to an assembled packet: checksum insertion (IP with IXSM, TCP/UDP with
 * TXSM, or the legacy descriptor's single checksum) and TCP segmentation, the e1000's rules on top
 * of the shared {@link TcpSegmentation} and {@link InternetChecksum}.
 *
 * <p>Checksums are inserted as the hardware does: the one's complement sum over the range, including
 * whatever software left in the checksum field (zero for IP, the pseudo-header sum for TCP/UDP),
 * complemented. In segmentation the pseudo-header sum software provides leaves out the length, so
 * each segment's TCP/UDP length is added.
 */
final class Segmenter {
    private Segmenter() {}

    /** Inserts the checksum of {@code packet[start..end]} ({@code end} 0: to the packet's end) at {@code at}. */
    static void insertChecksum(byte[] packet, int length, int start, int end, int at, long addend) {
        int last = end == 0 ? length - 1 : Math.min(end, length - 1);
        if (start > last || at + 2 > length) return; // a range outside the packet: nothing to insert
        InternetChecksum.insert(packet, start, last + 1, at, addend);
    }

    /** Checksum insertion for a packet sent whole, per the data descriptor's POPTS. */
    static void insertChecksums(byte[] packet, int length, OffloadContext context, boolean ip, boolean transport) {
        if (ip) insertChecksum(packet, length, context.ipStart(), context.ipEnd(), context.ipChecksumAt(), 0);
        if (transport) {
            insertChecksum(packet, length, context.transportStart(), context.transportEnd(),
                    context.transportChecksumAt(), 0);
        }
    }

    static TcpSegmentation.Layout layout(OffloadContext c) {
        return new TcpSegmentation.Layout(c.ipStart(), c.ipv4(), c.transportStart(), c.tcp(), c.headerLength(), c.mss(),
                false);
    }

    /** Whether the context's header offsets lie within its header, so segmentation can patch them. */
    static boolean canSegment(OffloadContext c, int length) {
        int header = c.headerLength();
        return layout(c).fits(length) && c.ipChecksumAt() + 2 <= header && c.transportChecksumAt() + 2 <= header;
    }

    /** Splits the packet's payload after its header into MSS-sized segments; call only when {@link #canSegment}. */
    static void segment(byte[] packet, int length, OffloadContext c, boolean ip, boolean transport,
                        TcpSegmentation.Output out) {
        TcpSegmentation.segment(packet, length, layout(c), (frame, index) -> {
            if (ip) insertChecksum(frame, frame.length, c.ipStart(), c.ipEnd(), c.ipChecksumAt(), 0);
            if (transport) {
                long transportLength = frame.length - c.transportStart();
                insertChecksum(frame, frame.length, c.transportStart(), c.transportEnd(), c.transportChecksumAt(),
                        transportLength);
            }
        }, out);
    }
}
