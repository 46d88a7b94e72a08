package dev.jkvm.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builders for small synthetic kernel images. */
public final class TestImages {
    private TestImages() {}

    /** An x86-64 ELF executable with the given PT_LOAD segments (paddr, filesz, memsz) and an optional PVH note. */
    public static byte[] elf(long entry, long[][] loads, Long pvhEntry) {
        int phnum = loads.length + (pvhEntry != null ? 1 : 0);
        int phoff = 64;
        int dataStart = phoff + phnum * 56;
        int noteSize = pvhEntry != null ? 12 + 4 + 4 : 0;
        int total = dataStart + noteSize;
        for (long[] l : loads) total += (int) l[1];
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1).putLong(24, entry).putLong(32, phoff);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phnum);
        int data = dataStart;
        int ph = phoff;
        if (pvhEntry != null) {
            b.putInt(ph, 4).putLong(ph + 8, data).putLong(ph + 32, noteSize).putLong(ph + 40, noteSize);
            b.putInt(data, 4).putInt(data + 4, 4).putInt(data + 8, 18);
            b.put(data + 12, (byte) 'X').put(data + 13, (byte) 'e').put(data + 14, (byte) 'n').put(data + 15, (byte) 0);
            b.putInt(data + 16, (int) (long) pvhEntry);
            data += noteSize;
            ph += 56;
        }
        for (long[] l : loads) {
            b.putInt(ph, 1).putLong(ph + 8, data).putLong(ph + 16, l[0]).putLong(ph + 24, l[0]).putLong(ph + 32, l[1]).putLong(ph + 40, l[2]);
            for (int i = 0; i < l[1]; i++) b.put(data + i, (byte) (i + 1));
            data += (int) l[1];
            ph += 56;
        }
        return b.array();
    }

    /** A bzImage: setup sectors with a header of the given protocol, then the payload. */
    public static byte[] bzImage(int protocol, int xloadflags, byte[] payload) {
        int setupSects = 4;
        int pm = (setupSects + 1) * 512;
        ByteBuffer b = ByteBuffer.allocate(pm + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) setupSects);
        b.putShort(0x1fe, (short) 0xaa55);
        b.putInt(0x202, 0x53726448);
        b.putShort(0x206, (short) protocol);
        b.putInt(0x22c, 0x7fffffff);
        b.putInt(0x230, 0x200000);
        b.putShort(0x236, (short) xloadflags);
        b.putInt(0x238, 2047);
        b.putInt(0x248, 0);
        b.putInt(0x24c, payload.length + 4);
        b.put(pm, payload);
        b.putInt(pm + payload.length, 0x1234);
        return b.array();
    }
}
