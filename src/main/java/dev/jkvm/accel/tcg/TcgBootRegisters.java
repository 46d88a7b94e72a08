package dev.jkvm.accel.tcg;

import dev.jkvm.boot.BootCpuState;
import dev.jkvm.boot.SegmentState;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;

/** Puts the software CPU's state at the loader's entry point, or where a STARTUP IPI sends an AP. */
final class TcgBootRegisters {
    private static final int REAL_MODE_CODE = 0x9b;
    private static final int REAL_MODE_DATA = 0x93;

    private TcgBootRegisters() {}

    static void apply(CpuState s, BootCpuState boot) {
        load(s.segment(Segment.CS), boot.cs());
        for (int seg : new int[]{Segment.DS, Segment.ES, Segment.FS, Segment.GS, Segment.SS}) load(s.segment(seg), boot.data());
        load(s.tr, boot.tr());
        s.gdtr.base = boot.gdtBase();
        s.gdtr.limit = boot.gdtLimit();
        s.cr0 = boot.cr0();
        s.cr3 = boot.cr3();
        s.cr4 = boot.cr4();
        s.efer = boot.efer();
        s.rip = boot.rip();
        s.gpr[Reg.RSI] = boot.rsi();
        s.gpr[Reg.RBX] = boot.rbx();
        s.gpr[Reg.RSP] = boot.rsp();
        s.setRflags(boot.rflags());
        s.cpl = 0;
        s.mode = boot.mode() == BootCpuState.EntryMode.LINUX_64 ? CpuMode.LONG_64 : CpuMode.PROTECTED_32;
    }

    /** A STARTUP IPI: real mode at CS:IP = (vector &lt;&lt; 8):0000. */
    static void startup(CpuState s, int vector) {
        for (int seg = 0; seg < Segment.COUNT; seg++) s.segment(seg).load(0, 0, 0xffff, REAL_MODE_DATA);
        s.segment(Segment.CS).load(vector << 8, (long) vector << 12, 0xffff, REAL_MODE_CODE);
        s.rip = 0;
        s.cr0 = 0x60000010L;
        s.cr3 = 0;
        s.cr4 = 0;
        s.efer = 0;
        s.setRflags(0x2);
        s.cpl = 0;
        s.mode = CpuMode.REAL;
        s.halted = false;
    }

    private static void load(SegmentRegister target, SegmentState source) {
        target.load(source.selector(), source.base(), (int) source.limit(), source.accessRights());
    }
}
