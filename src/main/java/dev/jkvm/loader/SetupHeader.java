package dev.jkvm.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The bzImage real-mode setup header (Documentation/arch/x86/boot.rst), starting at file offset
 * 0x1f1. Only the fields a loader of the decompressed kernel needs are kept.
 */
public record SetupHeader(
        int setupSects,
        int protocolVersion,
        int loadFlags,
        long initrdAddrMax,
        long kernelAlignment,
        boolean relocatable,
        int xloadFlags,
        long cmdlineSize,
        long payloadOffset,
        long payloadLength,
        long prefAddress,
        long initSize) {

    public static final int MIN_PROTOCOL = 0x206;
    private static final int XLF_KERNEL_64 = 1;
    /** The header must reach init_size at 0x260 for protocol 2.10+; 2.06 headers end earlier. */
    private static final int HEADER_END = 0x264;

    /** True when the file starts like a bzImage: boot flag 0xAA55 and "HdrS". */
    public static boolean looksLikeBzImage(ByteBuffer head) {
        return head.limit() >= 0x206 && head.order(ByteOrder.LITTLE_ENDIAN).getShort(0x1fe) == (short) 0xAA55
                && head.getInt(0x202) == 0x53726448;
    }

    /** Parses the header from the file's first bytes; fileSize bounds the payload. */
    public static SetupHeader parse(Path file, ByteBuffer head, long fileSize) {
        ByteBuffer b = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!looksLikeBzImage(b)) throw new KernelImageException(file, "no bzImage setup header (boot flag or 'HdrS' magic missing)");
        int version = Short.toUnsignedInt(b.getShort(0x206));
        if (version < MIN_PROTOCOL) {
            throw new KernelImageException(file, String.format(
                    "boot protocol %d.%02d is too old: jkvm needs %d.%02d or later",
                    version >> 8, version & 0xff, MIN_PROTOCOL >> 8, MIN_PROTOCOL & 0xff));
        }
        if (b.limit() < HEADER_END) throw new KernelImageException(file, "truncated setup header");
        int setupSects = Byte.toUnsignedInt(b.get(0x1f1));
        SetupHeader h = new SetupHeader(
                setupSects == 0 ? 4 : setupSects,
                version,
                Byte.toUnsignedInt(b.get(0x211)),
                Integer.toUnsignedLong(b.getInt(0x22c)),
                Integer.toUnsignedLong(b.getInt(0x230)),
                b.get(0x234) != 0,
                version >= 0x20c ? Short.toUnsignedInt(b.getShort(0x236)) : 0,
                Integer.toUnsignedLong(b.getInt(0x238)),
                version >= 0x208 ? Integer.toUnsignedLong(b.getInt(0x248)) : 0,
                version >= 0x208 ? Integer.toUnsignedLong(b.getInt(0x24c)) : 0,
                version >= 0x20a ? b.getLong(0x258) : 0,
                version >= 0x20a ? Integer.toUnsignedLong(b.getInt(0x260)) : 0);
        if ((h.xloadFlags & XLF_KERNEL_64) == 0) {
            throw new KernelImageException(file, "not a 64-bit kernel (XLF_KERNEL_64 is clear in xloadflags)");
        }
        if (h.payloadLength == 0) throw new KernelImageException(file, "the setup header names no compressed payload");
        long payloadStart = h.protectedModeOffset() + h.payloadOffset;
        if (payloadStart + h.payloadLength > fileSize) {
            throw new KernelImageException(file, String.format(
                    "truncated: the payload needs %d bytes, the file has %d", payloadStart + h.payloadLength, fileSize));
        }
        return h;
    }

    /** File offset of the protected-mode kernel, right after the setup sectors. */
    public long protectedModeOffset() {
        return (setupSects + 1L) * 512;
    }

    public String versionString() {
        return String.format("%d.%02d", protocolVersion >> 8, protocolVersion & 0xff);
    }
}
