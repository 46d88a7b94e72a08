package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.EventDelivery;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;

/**
 * Exception and interrupt delivery through the IVT (real mode), 32-bit/16-bit interrupt and trap
 * gates (protected mode) and 64-bit gates (long mode, with IST and the TSS RSP0..2 stack switch,
 * SS = NULL on a privilege change). A fault while delivering is handled as the SDM's double-fault
 * table says: contributory-after-contributory and #PF-after-(#PF or contributory) become #DF, any
 * fault while delivering #DF is a triple fault (the CPU enters shutdown and stops with
 * {@code StopReason.TRIPLE_FAULT}); other combinations deliver the second event.
 *
 * <p>Not supported: task gates (a task gate in the IDT raises #GP(vector) like a bad gate; Linux's
 * 64-bit kernel has none), virtual-8086 mode.
 */
public final class InterruptDelivery implements EventDelivery {
    private static final int EXTERNAL = 0, EXCEPTION = 1, SOFTWARE = 2;
    private static final int BENIGN = 0, CONTRIBUTORY = 1, PAGE_FAULT_CLASS = 2;

    @Override
    public boolean deliverException(Cpu cpu, CpuException e) {
        return deliver(cpu, e.vector, e.hasErrorCode ? e.errorCode : -1, e.software ? SOFTWARE : EXCEPTION, e.faultAddress);
    }

    @Override
    public void deliverInterrupt(Cpu cpu, int vector) {
        deliver(cpu, vector, -1, EXTERNAL, 0);
    }

    private static int classOf(int vector, int kind) {
        if (kind != EXCEPTION) return BENIGN;
        return switch (vector) {
            case CpuException.DIVIDE_ERROR, CpuException.INVALID_TSS, CpuException.SEGMENT_NOT_PRESENT,
                 CpuException.STACK_FAULT, CpuException.GENERAL_PROTECTION -> CONTRIBUTORY;
            case CpuException.PAGE_FAULT -> PAGE_FAULT_CLASS;
            default -> BENIGN;
        };
    }

    private boolean deliver(Cpu cpu, int vector, int errorCode, int kind, long faultAddress) {
        CpuState s = cpu.state;
        while (true) {
            if (kind == EXCEPTION && vector == CpuException.PAGE_FAULT) s.cr2 = faultAddress;
            try {
                dispatch(cpu, vector, errorCode, kind);
                s.halted = false;
                return true;
            } catch (CpuException nested) {
                if (kind == EXCEPTION && vector == CpuException.DOUBLE_FAULT) {
                    cpu.enterShutdown(nested);
                    return false;
                }
                int first = classOf(vector, kind);
                int second = classOf(nested.vector, EXCEPTION);
                boolean external = kind != SOFTWARE;
                if ((first == CONTRIBUTORY && second == CONTRIBUTORY)
                        || (first == PAGE_FAULT_CLASS && second != BENIGN)) {
                    vector = CpuException.DOUBLE_FAULT;
                    errorCode = 0;
                } else {
                    vector = nested.vector;
                    errorCode = nested.hasErrorCode ? nested.errorCode | (external && isSegmentFault(vector) ? 1 : 0) : -1;
                    faultAddress = nested.faultAddress;
                }
                kind = EXCEPTION;
            }
        }
    }

    private static boolean isSegmentFault(int vector) {
        return vector == CpuException.INVALID_TSS || vector == CpuException.SEGMENT_NOT_PRESENT
                || vector == CpuException.STACK_FAULT || vector == CpuException.GENERAL_PROTECTION;
    }

    private static void dispatch(Cpu cpu, int vector, int errorCode, int kind) {
        CpuState s = cpu.state;
        if (s.mode == CpuMode.REAL) {
            real(cpu, vector);
        } else if ((s.efer & ControlBits.EFER_LMA) != 0) {
            longMode(cpu, vector, errorCode, kind);
        } else {
            protectedMode(cpu, vector, errorCode, kind);
        }
    }

    private static CpuException idtFault(int vector, int kind) {
        return CpuException.fault(CpuException.GENERAL_PROTECTION, vector * 8 + 2 + (kind != SOFTWARE ? 1 : 0));
    }

    private static void real(Cpu cpu, int vector) {
        CpuState s = cpu.state;
        if (vector * 4L + 3 > (s.idtr.limit & 0xffffL)) throw CpuException.generalProtection();
        long entry = cpu.memory.read(s.idtr.base + vector * 4L, 4);
        long sp = s.gpr[Reg.RSP];
        long ssBase = s.segments[Segment.SS].base;
        long flags = s.rflags() & 0xffff;
        cpu.memory.write(ssBase + ((sp - 2) & 0xffff), 2, flags);
        cpu.memory.write(ssBase + ((sp - 4) & 0xffff), 2, s.segments[Segment.CS].selector);
        cpu.memory.write(ssBase + ((sp - 6) & 0xffff), 2, s.rip);
        s.gpr[Reg.RSP] = (sp & ~0xffffL) | ((sp - 6) & 0xffff);
        s.rflagsOther &= ~(Flags.IF | Flags.TF | Flags.AC | Flags.RF);
        int selector = (int) (entry >>> 16) & 0xffff;
        SegmentRegister cs = s.segments[Segment.CS];
        cs.selector = selector;
        cs.base = (long) selector << 4;
        s.rip = entry & 0xffff;
    }

    /** Reads and checks the gate's code segment; returns its descriptor. */
    private static long gateTarget(Cpu cpu, int selector, int kind, boolean longMode) {
        CpuState s = cpu.state;
        int ext = kind != SOFTWARE ? 1 : 0;
        if ((selector & 0xfffc) == 0) throw CpuException.fault(CpuException.GENERAL_PROTECTION, ext);
        long d = Segments.read(cpu, selector);
        if (!Segments.isCode(d) || Segments.dpl(d) > s.cpl) throw CpuException.fault(CpuException.GENERAL_PROTECTION, (selector & 0xfffc) | ext);
        if (longMode && (!Segments.isLong(d) || Segments.isBig(d))) throw CpuException.fault(CpuException.GENERAL_PROTECTION, (selector & 0xfffc) | ext);
        if (!Segments.present(d)) throw CpuException.fault(CpuException.SEGMENT_NOT_PRESENT, (selector & 0xfffc) | ext);
        return d;
    }

    private static long tssRead(Cpu cpu, long offset, int size) {
        CpuState s = cpu.state;
        if ((s.tr.attributes & SegmentRegister.ATTR_PRESENT) == 0 || offset + size - 1 > (s.tr.limit & 0xffffffffL)) {
            throw CpuException.fault(CpuException.INVALID_TSS, s.tr.selector & 0xfffc);
        }
        return cpu.memory.readSystem(s.tr.base + offset, size);
    }

    private static void protectedMode(Cpu cpu, int vector, int errorCode, int kind) {
        CpuState s = cpu.state;
        if (vector * 8L + 7 > (s.idtr.limit & 0xffffL)) throw idtFault(vector, kind);
        long gate = cpu.memory.readSystem((s.idtr.base + vector * 8L) & 0xffffffffL, 8);
        int type = (int) (gate >>> 40) & 0x1f; // including S, which must be 0
        if (type != 0x0e && type != 0x0f && type != 0x06 && type != 0x07) throw idtFault(vector, kind);
        if (kind == SOFTWARE && Segments.dpl(gate) < s.cpl) throw idtFault(vector, kind);
        if ((gate & (1L << 47)) == 0) {
            throw CpuException.fault(CpuException.SEGMENT_NOT_PRESENT, vector * 8 + 2 + (kind != SOFTWARE ? 1 : 0));
        }
        int selector = (int) (gate >>> 16) & 0xffff;
        int gateSize = (type & 8) != 0 ? 4 : 2;
        long offset = (gate & 0xffff) | (gateSize == 4 ? (gate >>> 32) & 0xffff0000L : 0);
        long d = gateTarget(cpu, selector, kind, false);
        int newCpl = Segments.isConforming(d) ? s.cpl : Segments.dpl(d);
        long flags = s.rflags();
        int oldCs = s.segments[Segment.CS].selector;
        long returnIp = s.rip;
        if (newCpl < s.cpl) {
            // inner privilege: stack from the TSS
            boolean tss32 = (s.tr.attributes & 8) != 0;
            long newSp = tss32 ? tssRead(cpu, 4 + newCpl * 8L, 4) : tssRead(cpu, 2 + newCpl * 4L, 2);
            int newSs = (int) (tss32 ? tssRead(cpu, 8 + newCpl * 8L, 2) : tssRead(cpu, 4 + newCpl * 4L, 2));
            long ssd;
            try {
                ssd = checkTssStack(cpu, newSs, newCpl);
            } catch (CpuException e) {
                throw CpuException.fault(CpuException.INVALID_TSS, newSs & 0xfffc);
            }
            long ssBase = Segments.base(ssd);
            boolean big = Segments.isBig(ssd);
            long spMask = big ? 0xffffffffL : 0xffff;
            long[] frame = {s.segments[Segment.SS].selector, s.gpr[Reg.RSP], flags, oldCs, returnIp, errorCode};
            int items = errorCode >= 0 ? 6 : 5;
            long sp = newSp;
            for (int i = 0; i < items; i++) {
                sp = (sp - gateSize) & spMask;
                writeFrame(cpu, (ssBase + sp) & 0xffffffffL, gateSize, frame[i], newCpl);
            }
            Segments.setAccessed(cpu, newSs, ssd);
            Segments.loadFromDescriptor(s.segments[Segment.SS], newSs, ssd);
            s.gpr[Reg.RSP] = big ? sp : (newSp & ~0xffffL) | sp;
        } else {
            long[] frame = {flags, oldCs, returnIp, errorCode};
            int items = errorCode >= 0 ? 4 : 3;
            boolean big = (s.segments[Segment.SS].attributes & SegmentRegister.ATTR_DEFAULT_BIG) != 0;
            long spMask = big ? 0xffffffffL : 0xffff;
            long sp = s.gpr[Reg.RSP] & spMask;
            long ssBase = s.segments[Segment.SS].base;
            for (int i = 0; i < items; i++) {
                sp = (sp - gateSize) & spMask;
                writeFrame(cpu, (ssBase + sp) & 0xffffffffL, gateSize, frame[i], newCpl);
            }
            s.gpr[Reg.RSP] = big ? sp : (s.gpr[Reg.RSP] & ~0xffffL) | sp;
        }
        FarTransfers.loadCode(cpu, selector, d, newCpl);
        s.rip = offset;
        long cleared = Flags.TF | Flags.NT | Flags.RF | Flags.VM;
        if ((type & 1) == 0) cleared |= Flags.IF;
        s.rflagsOther &= ~cleared;
    }

    private static long checkTssStack(Cpu cpu, int selector, int cpl) {
        if ((selector & 0xfffc) == 0) throw CpuException.generalProtection();
        long d = Segments.read(cpu, selector);
        if ((selector & 3) != cpl || Segments.isSystem(d) || Segments.isCode(d) || (Segments.type(d) & 2) == 0
                || Segments.dpl(d) != cpl || !Segments.present(d)) {
            throw CpuException.generalProtection();
        }
        return d;
    }

    private static void writeFrame(Cpu cpu, long linear, int size, long value, int newCpl) {
        if (newCpl < 3) cpu.memory.writeSystem(linear, size, value);
        else cpu.memory.write(linear, size, value);
    }

    private static void longMode(Cpu cpu, int vector, int errorCode, int kind) {
        CpuState s = cpu.state;
        if (vector * 16L + 15 > (s.idtr.limit & 0xffffL)) throw idtFault(vector, kind);
        long low = cpu.memory.readSystem(s.idtr.base + vector * 16L, 8);
        long high = cpu.memory.readSystem(s.idtr.base + vector * 16L + 8, 8);
        int type = (int) (low >>> 40) & 0x1f;
        if (type != 0x0e && type != 0x0f) throw idtFault(vector, kind);
        if (kind == SOFTWARE && Segments.dpl(low) < s.cpl) throw idtFault(vector, kind);
        if ((low & (1L << 47)) == 0) {
            throw CpuException.fault(CpuException.SEGMENT_NOT_PRESENT, vector * 8 + 2 + (kind != SOFTWARE ? 1 : 0));
        }
        int selector = (int) (low >>> 16) & 0xffff;
        long offset = (low & 0xffff) | ((low >>> 32) & 0xffff0000L) | (high << 32);
        int ist = (int) (low >>> 32) & 7;
        long d = gateTarget(cpu, selector, kind, true);
        int newCpl = Segments.isConforming(d) ? s.cpl : Segments.dpl(d);
        long rsp;
        if (ist != 0) {
            rsp = tssRead(cpu, 0x24 + (ist - 1) * 8L, 8);
        } else if (newCpl < s.cpl) {
            rsp = tssRead(cpu, 4 + newCpl * 8L, 8);
        } else {
            rsp = s.gpr[Reg.RSP];
        }
        rsp &= ~15L;
        if ((offset << 16) >> 16 != offset) throw CpuException.fault(CpuException.GENERAL_PROTECTION, kind != SOFTWARE ? 1 : 0);
        long flags = s.rflags();
        long[] frame = {s.segments[Segment.SS].selector, s.gpr[Reg.RSP], flags, s.segments[Segment.CS].selector, s.rip, errorCode};
        int items = errorCode >= 0 ? 6 : 5;
        long sp = rsp;
        for (int i = 0; i < items; i++) {
            sp -= 8;
            if ((sp << 16) >> 16 != sp) throw CpuException.fault(CpuException.STACK_FAULT, kind != SOFTWARE ? 1 : 0);
            writeFrame(cpu, sp, 8, frame[i], newCpl);
        }
        if (newCpl < s.cpl) Segments.loadNullStack(s, newCpl);
        FarTransfers.loadCode(cpu, selector, d, newCpl);
        s.gpr[Reg.RSP] = sp;
        s.rip = offset;
        long cleared = Flags.TF | Flags.NT | Flags.RF | Flags.VM;
        if ((type & 1) == 0) cleared |= Flags.IF;
        s.rflagsOther &= ~cleared;
    }
}
