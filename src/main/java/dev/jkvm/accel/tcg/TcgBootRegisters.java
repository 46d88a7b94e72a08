package dev.jkvm.accel.tcg;

import dev.jkvm.boot.BootCpuState;
import dev.jkvm.boot.SegmentState;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.sys.Segments;
import dev.jkvm.tcg.state.SegmentRegister;

/** Puts the software CPU's state at the loader's entry point. */
final class TcgBootRegisters {
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
        Segments.updateMode(s);
    }

    private static void load(SegmentRegister target, SegmentState source) {
        target.load(source.selector(), source.base(), (int) source.limit(), source.accessRights());
    }
}
