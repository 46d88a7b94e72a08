package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_fpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** x87 and SSE state (struct kvm_fpu), enough to give a fresh vCPU sane FCW and MXCSR values. */
public final class Fpu {
    /** Eight 80-bit x87 registers, each in a 16-byte slot. */
    public byte[] fpr = new byte[8 * 16];
    public int fcw;
    public int fsw;
    /** Abridged tag word, as FXSAVE stores it. */
    public int ftwx;
    public int lastOpcode;
    public long lastIp;
    public long lastDp;
    /** Sixteen 128-bit XMM registers. */
    public byte[] xmm = new byte[16 * 16];
    public int mxcsr;

    static Fpu read(MemorySegment m) {
        Fpu f = new Fpu();
        f.fpr = kvm_fpu.fpr(m).toArray(ValueLayout.JAVA_BYTE);
        f.fcw = Short.toUnsignedInt(kvm_fpu.fcw(m));
        f.fsw = Short.toUnsignedInt(kvm_fpu.fsw(m));
        f.ftwx = Byte.toUnsignedInt(kvm_fpu.ftwx(m));
        f.lastOpcode = Short.toUnsignedInt(kvm_fpu.last_opcode(m));
        f.lastIp = kvm_fpu.last_ip(m);
        f.lastDp = kvm_fpu.last_dp(m);
        f.xmm = kvm_fpu.xmm(m).toArray(ValueLayout.JAVA_BYTE);
        f.mxcsr = kvm_fpu.mxcsr(m);
        return f;
    }

    void write(MemorySegment m) {
        kvm_fpu.fpr(m, MemorySegment.ofArray(checkLength("fpr", fpr, 8 * 16)));
        kvm_fpu.fcw(m, (short) fcw);
        kvm_fpu.fsw(m, (short) fsw);
        kvm_fpu.ftwx(m, (byte) ftwx);
        kvm_fpu.last_opcode(m, (short) lastOpcode);
        kvm_fpu.last_ip(m, lastIp);
        kvm_fpu.last_dp(m, lastDp);
        kvm_fpu.xmm(m, MemorySegment.ofArray(checkLength("xmm", xmm, 16 * 16)));
        kvm_fpu.mxcsr(m, mxcsr);
    }

    private static byte[] checkLength(String name, byte[] bytes, int length) {
        if (bytes.length != length) throw new IllegalArgumentException(name + " must be " + length + " bytes, not " + bytes.length);
        return bytes;
    }
}
