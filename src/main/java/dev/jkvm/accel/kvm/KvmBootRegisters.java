package dev.jkvm.accel.kvm;

import dev.jkvm.boot.BootCpuState;
import dev.jkvm.boot.SegmentState;
import dev.jkvm.kvm.Fpu;
import dev.jkvm.kvm.Regs;
import dev.jkvm.kvm.Segment;
import dev.jkvm.kvm.Sregs;
import dev.jkvm.kvm.VcpuFd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Programs a KVM vCPU with the loader's entry state. */
final class KvmBootRegisters {
    private static final int LVT_LINT0 = 0x350;
    private static final int LVT_LINT1 = 0x360;
    private static final int DELIVERY_EXTINT = 7;
    private static final int DELIVERY_NMI = 4;
    private static final int FPU_DEFAULT_CONTROL = 0x37f;
    private static final int MXCSR_DEFAULT = 0x1f80;

    private KvmBootRegisters() {}

    static void apply(VcpuFd vcpu, BootCpuState state) {
        Sregs sregs = vcpu.getSregs();
        sregs.cs = segment(state.cs());
        Segment data = segment(state.data());
        sregs.ds = data;
        sregs.es = segment(state.data());
        sregs.fs = segment(state.data());
        sregs.gs = segment(state.data());
        sregs.ss = segment(state.data());
        sregs.tr = segment(state.tr());
        sregs.gdt.base = state.gdtBase();
        sregs.gdt.limit = state.gdtLimit();
        sregs.cr0 = state.cr0();
        sregs.cr3 = state.cr3();
        sregs.cr4 = state.cr4();
        sregs.efer = state.efer();
        vcpu.setSregs(sregs);

        Regs regs = new Regs();
        regs.rip = state.rip();
        regs.rsi = state.rsi();
        regs.rbx = state.rbx();
        regs.rsp = state.rsp();
        regs.rflags = state.rflags();
        vcpu.setRegs(regs);

        Fpu fpu = new Fpu();
        fpu.fcw = FPU_DEFAULT_CONTROL;
        fpu.mxcsr = MXCSR_DEFAULT;
        vcpu.setFpu(fpu);
    }

    /** Virtual-wire mode on the local APIC: PIC interrupts arrive on LINT0, NMIs on LINT1. */
    static void enableVirtualWire(VcpuFd vcpu) {
        byte[] lapic = vcpu.getLapic();
        ByteBuffer regs = ByteBuffer.wrap(lapic).order(ByteOrder.LITTLE_ENDIAN);
        regs.putInt(LVT_LINT0, (regs.getInt(LVT_LINT0) & ~0x700) | DELIVERY_EXTINT << 8);
        regs.putInt(LVT_LINT1, (regs.getInt(LVT_LINT1) & ~0x700) | DELIVERY_NMI << 8);
        vcpu.setLapic(lapic);
    }

    private static Segment segment(SegmentState s) {
        Segment k = new Segment();
        k.base = s.base();
        k.limit = (int) s.limit();
        k.selector = s.selector();
        k.type = s.type();
        k.present = s.present();
        k.dpl = s.dpl();
        k.db = s.db();
        k.s = s.s();
        k.l = s.l();
        k.g = s.g();
        return k;
    }
}
