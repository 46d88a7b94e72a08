package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.X87State;

/** The 512-byte FXSAVE layout (64-bit form) to and from CPU state. */
public final class FxsaveImage {
    public static final int SIZE = 512;
    /** Bytes 416..511 are reserved or available to software: FXSAVE leaves them unwritten. */
    public static final int WRITTEN = 416;
    private static final int MXCSR_MASK = 0xffff;

    private FxsaveImage() {}

    public static void store(CpuState s, byte[] image) {
        X87State x = s.x87;
        java.util.Arrays.fill(image, (byte) 0);
        putShort(image, 0, x.controlWord);
        putShort(image, 2, x.statusWordWithTop());
        int tags = 0;
        for (int i = 0; i < 8; i++) if (!x.empty[i]) tags |= 1 << i;
        image[4] = (byte) tags;
        putShort(image, 6, x.lastOpcode);
        putLong(image, 8, x.lastInstructionPointer);
        putLong(image, 16, x.lastDataPointer);
        putInt(image, 24, s.mxcsr);
        putInt(image, 28, MXCSR_MASK);
        for (int i = 0; i < 8; i++) {
            int r = x.physical(i);
            putLong(image, 32 + 16 * i, x.significand[r]);
            putShort(image, 40 + 16 * i, x.signExponent[r]);
        }
        for (int i = 0; i < 32; i++) putLong(image, 160 + 8 * i, s.xmm[i]);
    }

    /** Loads the image; a reserved MXCSR bit set raises #GP as FXRSTOR does. */
    public static boolean load(CpuState s, byte[] image) {
        int mxcsr = getInt(image, 24);
        if ((mxcsr & ~MXCSR_MASK) != 0) return false;
        X87State x = s.x87;
        x.controlWord = getShort(image, 0);
        int status = getShort(image, 2);
        x.setStatusWordWithTop(status);
        for (int i = 0; i < 8; i++) x.empty[i] = (image[4] & (1 << i)) == 0;
        x.lastOpcode = getShort(image, 6);
        x.lastInstructionPointer = getLong(image, 8);
        x.lastDataPointer = getLong(image, 16);
        s.mxcsr = mxcsr;
        for (int i = 0; i < 8; i++) {
            int r = x.physical(i);
            x.significand[r] = getLong(image, 32 + 16 * i);
            x.signExponent[r] = getShort(image, 40 + 16 * i);
        }
        for (int i = 0; i < 32; i++) s.xmm[i] = getLong(image, 160 + 8 * i);
        return true;
    }

    public static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    public static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    public static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    public static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    public static int getInt(byte[] b, int at) {
        return getShort(b, at) | getShort(b, at + 2) << 16;
    }

    public static long getLong(byte[] b, int at) {
        return (getInt(b, at) & 0xffffffffL) | (long) getInt(b, at + 4) << 32;
    }
}
