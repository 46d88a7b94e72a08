package dev.jkvm.tcg.diff;

import java.util.Map;
import java.util.TreeMap;

/** A CPU state as the harness exchanges it: GPRs, RFLAGS, a 512-byte FXSAVE image, and memory. */
final class MachineState {
    final long[] gpr = new long[16];
    long rflags;
    final byte[] fxsave = new byte[512];
    /** Output only: the signal (SIGSEGV, SIGFPE, ...) the case ended with, or 0. */
    int signal;
    /** Output only: changed data-page bytes by offset. */
    final Map<Integer, Byte> memoryChanges = new TreeMap<>();

    long xmm(int reg, int half) {
        return readLong(fxsave, 160 + reg * 16 + half * 8);
    }

    int mxcsr() {
        return (int) readLong(fxsave, 24);
    }

    static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xff);
        return v;
    }

    static void writeLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    MachineState copy() {
        MachineState c = new MachineState();
        System.arraycopy(gpr, 0, c.gpr, 0, 16);
        c.rflags = rflags;
        System.arraycopy(fxsave, 0, c.fxsave, 0, 512);
        return c;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) b.append(String.format("r%d=%x ", i, gpr[i]));
        b.append(String.format("rflags=%x sig=%d mem=%s", rflags, signal, memoryChanges));
        b.append(String.format(" mxcsr=%x", mxcsr()));
        for (int i = 0; i < 16; i++) b.append(String.format(" xmm%d=%016x:%016x", i, xmm(i, 1), xmm(i, 0)));
        return b.toString();
    }
}
