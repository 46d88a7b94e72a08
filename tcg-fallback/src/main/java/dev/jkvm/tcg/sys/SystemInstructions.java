package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.SysOp;
import dev.jkvm.tcg.exec.Operands;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.DescriptorTableRegister;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;

/**
 * Control and debug registers, MSRs, descriptor-table registers, LDTR/TR, LAR/LSL/VERR/VERW, and
 * the privileged odds and ends (CLTS, INVD/WBINVD, INVLPG, LMSW/SMSW, SWAPGS, RDTSCP, RDPMC).
 */
final class SystemInstructions {
    private SystemInstructions() {}

    static void execute(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        switch (insn.sub) {
            case SysOp.MOV_FROM_CR -> {
                requireCpl0(s);
                Operands.write(cpu, insn.dst, readCr(s, (int) insn.src.value));
            }
            case SysOp.MOV_TO_CR -> {
                requireCpl0(s);
                writeCr(cpu, (int) insn.dst.value, Operands.read(cpu, insn.src));
            }
            case SysOp.MOV_FROM_DR -> {
                int n = debugRegister(s, (int) insn.src.value);
                requireCpl0(s);
                Operands.write(cpu, insn.dst, s.dr[n]);
            }
            case SysOp.MOV_TO_DR -> {
                int n = debugRegister(s, (int) insn.dst.value);
                requireCpl0(s);
                writeDr(s, n, Operands.read(cpu, insn.src));
            }
            case SysOp.RDMSR -> {
                requireCpl0(s);
                long value = cpu.msrs().read(cpu, (int) s.gpr[Reg.RCX]);
                s.gpr[Reg.RAX] = value & 0xffffffffL;
                s.gpr[Reg.RDX] = value >>> 32;
            }
            case SysOp.WRMSR -> {
                requireCpl0(s);
                long value = (s.gpr[Reg.RAX] & 0xffffffffL) | (s.gpr[Reg.RDX] << 32);
                cpu.msrs().write(cpu, (int) s.gpr[Reg.RCX], value);
            }
            case SysOp.RDTSCP -> {
                if ((s.cr4 & ControlBits.CR4_TSD) != 0 && s.cpl != 0) throw CpuException.generalProtection();
                long tsc = cpu.timeStampCounter();
                s.gpr[Reg.RAX] = tsc & 0xffffffffL;
                s.gpr[Reg.RDX] = tsc >>> 32;
                s.gpr[Reg.RCX] = s.tscAux & 0xffffffffL;
            }
            case SysOp.RDPMC -> throw CpuException.generalProtection(); // no performance counters
            case SysOp.SWAPGS -> {
                requireCpl0(s);
                SegmentRegister gs = s.segments[Segment.GS];
                long t = gs.base;
                gs.base = s.kernelGsBase;
                s.kernelGsBase = t;
            }
            case SysOp.CLTS -> {
                requireCpl0(s);
                s.cr0 &= ~ControlBits.CR0_TS;
            }
            case SysOp.CACHE_INVALIDATE -> requireCpl0(s);
            case SysOp.INVLPG -> {
                requireCpl0(s);
                cpu.memory.mmu().invalidatePage(Operands.linearAddress(s, insn.src));
            }
            case SysOp.LGDT, SysOp.LIDT -> loadTableRegister(cpu, insn);
            case SysOp.SGDT, SysOp.SIDT -> storeTableRegister(cpu, insn);
            case SysOp.LMSW -> {
                requireCpl0(s);
                long low = Operands.read(cpu, insn.src) & 0xf;
                long pe = s.cr0 & ControlBits.CR0_PE; // LMSW can set PE but not clear it
                writeCr0(cpu, (s.cr0 & ~0xfL) | low | pe);
            }
            case SysOp.SMSW -> Operands.write(cpu, insn.dst, s.cr0);
            case SysOp.SLDT -> {
                requireProtected(s);
                Operands.write(cpu, insn.dst, s.ldtr.selector);
            }
            case SysOp.STR -> {
                requireProtected(s);
                Operands.write(cpu, insn.dst, s.tr.selector);
            }
            case SysOp.LLDT -> loadLdt(cpu, (int) Operands.read(cpu, insn.src));
            case SysOp.LTR -> loadTaskRegister(cpu, (int) Operands.read(cpu, insn.src));
            case SysOp.LAR, SysOp.LSL -> loadAccessOrLimit(cpu, insn);
            case SysOp.VERR, SysOp.VERW -> verify(cpu, insn);
            default -> throw new IllegalStateException("no executor for " + insn);
        }
    }

    static void requireCpl0(CpuState s) {
        if (s.cpl != 0) throw CpuException.generalProtection();
    }

    private static void requireProtected(CpuState s) {
        if (s.mode == CpuMode.REAL) throw CpuException.undefinedOpcode();
    }

    // ---- control registers ----

    static long readCr(CpuState s, int n) {
        return switch (n) {
            case 0 -> s.cr0;
            case 2 -> s.cr2;
            case 3 -> s.cr3;
            case 4 -> s.cr4;
            case 8 -> {
                if (!s.mode.is64()) throw CpuException.undefinedOpcode();
                yield s.cr8;
            }
            default -> throw CpuException.undefinedOpcode();
        };
    }

    static void writeCr(Cpu cpu, int n, long value) {
        CpuState s = cpu.state;
        switch (n) {
            case 0 -> writeCr0(cpu, value);
            case 2 -> s.cr2 = value;
            case 3 -> {
                if (s.mode.is64() && (value >>> PagingMmu.MAX_PHYSICAL_BITS) != 0) throw CpuException.generalProtection();
                s.cr3 = value;
                cpu.memory.mmu().flushTlb(false);
            }
            case 4 -> writeCr4(cpu, value);
            case 8 -> {
                if (!s.mode.is64()) throw CpuException.undefinedOpcode();
                if ((value & ~0xfL) != 0) throw CpuException.generalProtection();
                s.cr8 = value;
            }
            default -> throw CpuException.undefinedOpcode();
        }
    }

    /** CR0, with the long-mode activation rules: PG with EFER.LME (and CR4.PAE) sets EFER.LMA. */
    static void writeCr0(Cpu cpu, long value) {
        CpuState s = cpu.state;
        if ((value >>> 32) != 0) throw CpuException.generalProtection();
        value = (value | ControlBits.CR0_ET) & ControlBits.CR0_DEFINED;
        if ((value & ControlBits.CR0_PG) != 0 && (value & ControlBits.CR0_PE) == 0) throw CpuException.generalProtection();
        if ((value & ControlBits.CR0_NW) != 0 && (value & ControlBits.CR0_CD) == 0) throw CpuException.generalProtection();
        long old = s.cr0;
        boolean enablingPaging = (value & ControlBits.CR0_PG) != 0 && (old & ControlBits.CR0_PG) == 0;
        boolean disablingPaging = (value & ControlBits.CR0_PG) == 0 && (old & ControlBits.CR0_PG) != 0;
        if (enablingPaging && (s.efer & ControlBits.EFER_LME) != 0) {
            if ((s.cr4 & ControlBits.CR4_PAE) == 0) throw CpuException.generalProtection();
            if ((s.segments[Segment.CS].attributes & SegmentRegister.ATTR_LONG) != 0) throw CpuException.generalProtection();
            s.efer |= ControlBits.EFER_LMA;
        }
        if (disablingPaging && (s.efer & ControlBits.EFER_LMA) != 0) {
            if (s.mode.is64()) throw CpuException.generalProtection();
            s.efer &= ~ControlBits.EFER_LMA;
        }
        s.cr0 = value;
        if (((old ^ value) & (ControlBits.CR0_PG | ControlBits.CR0_WP | ControlBits.CR0_PE)) != 0) {
            cpu.memory.mmu().flushTlb(true);
        }
        Segments.updateMode(s);
    }

    static void writeCr4(Cpu cpu, long value) {
        CpuState s = cpu.state;
        if ((value & ~ControlBits.CR4_SUPPORTED) != 0) throw CpuException.generalProtection();
        if ((s.efer & ControlBits.EFER_LMA) != 0 && (value & ControlBits.CR4_PAE) == 0) throw CpuException.generalProtection();
        long old = s.cr4;
        s.cr4 = value;
        if (((old ^ value) & (ControlBits.CR4_PAE | ControlBits.CR4_PGE | ControlBits.CR4_PSE)) != 0) {
            cpu.memory.mmu().flushTlb(true);
        }
    }

    // ---- debug registers ----

    private static int debugRegister(CpuState s, int n) {
        if (n == 4 || n == 5) {
            if ((s.cr4 & ControlBits.CR4_DE) != 0) throw CpuException.undefinedOpcode();
            return n + 2;
        }
        if (n > 7) throw CpuException.undefinedOpcode();
        return n;
    }

    private static void writeDr(CpuState s, int n, long value) {
        switch (n) {
            case 6 -> {
                if ((value >>> 32) != 0) throw CpuException.generalProtection();
                s.dr[6] = (value & 0xe00fL) | 0xffff0ff0L;
            }
            case 7 -> {
                if ((value >>> 32) != 0) throw CpuException.generalProtection();
                s.dr[7] = (value & 0xffff2bffL) | 0x400L;
            }
            default -> s.dr[n] = s.mode.is64() ? value : value & 0xffffffffL;
        }
    }

    // ---- descriptor tables ----

    private static void loadTableRegister(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        requireCpl0(s);
        long address = Operands.linearAddress(s, insn.src);
        int limit = (int) cpu.memory.read(address, 2);
        long base;
        if (s.mode.is64()) {
            base = cpu.memory.read(address + 2, 8);
            if ((base << 16) >> 16 != base) throw CpuException.generalProtection();
        } else {
            base = cpu.memory.read(address + 2, 4);
            if (insn.size == 2) base &= 0xffffff;
        }
        DescriptorTableRegister r = insn.sub == SysOp.LGDT ? s.gdtr : s.idtr;
        r.base = base;
        r.limit = limit;
    }

    private static void storeTableRegister(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        long address = Operands.linearAddress(s, insn.dst);
        DescriptorTableRegister r = insn.sub == SysOp.SGDT ? s.gdtr : s.idtr;
        int baseSize = s.mode.is64() ? 8 : 4;
        cpu.memory.checkWritable(address, 2 + baseSize);
        cpu.memory.write(address, 2, r.limit);
        cpu.memory.write(address + 2, baseSize, baseSize == 4 && insn.size == 2 ? r.base & 0xffffff : r.base);
    }

    private static void loadLdt(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        requireProtected(s);
        requireCpl0(s);
        selector &= 0xffff;
        if ((selector & 0xfffc) == 0) {
            s.ldtr.load(selector, 0, 0, 0);
            return;
        }
        if ((selector & 4) != 0) throw Segments.gp(selector);
        long d = Segments.read(cpu, selector);
        if (!Segments.isSystem(d) || Segments.type(d) != 2) throw Segments.gp(selector);
        if (!Segments.present(d)) throw Segments.notPresent(selector);
        long base = Segments.base(d);
        if ((s.efer & ControlBits.EFER_LMA) != 0) base |= (Segments.readUpper(cpu, selector) & 0xffffffffL) << 32;
        s.ldtr.load(selector, base, Segments.limit(d), Segments.attributes(d));
    }

    private static void loadTaskRegister(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        requireProtected(s);
        requireCpl0(s);
        selector &= 0xffff;
        if ((selector & 0xfffc) == 0) throw CpuException.generalProtection();
        if ((selector & 4) != 0) throw Segments.gp(selector);
        long d = Segments.read(cpu, selector);
        boolean longMode = (s.efer & ControlBits.EFER_LMA) != 0;
        int type = Segments.type(d);
        if (!Segments.isSystem(d) || !(type == 9 || (type == 1 && !longMode))) throw Segments.gp(selector);
        if (!Segments.present(d)) throw Segments.notPresent(selector);
        long base = Segments.base(d);
        if (longMode) base |= (Segments.readUpper(cpu, selector) & 0xffffffffL) << 32;
        long address = Segments.descriptorAddress(s, selector, 8) + 5;
        cpu.memory.writeSystem(address, 1, ((d >>> 40) & 0xff) | 2); // busy
        s.tr.load(selector, base, Segments.limit(d), Segments.attributes(d) | 2);
    }

    /** LAR and LSL: ZF=1 and the access rights or limit when the selector is visible at this CPL. */
    private static void loadAccessOrLimit(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        requireProtected(s);
        int selector = (int) Operands.read(cpu, insn.src) & 0xffff;
        long d = visibleDescriptor(cpu, selector);
        boolean ok = d != 0;
        if (ok && Segments.isSystem(d)) {
            int type = Segments.type(d);
            boolean longMode = (s.efer & ControlBits.EFER_LMA) != 0;
            boolean lar = insn.sub == SysOp.LAR;
            ok = switch (type) {
                case 2, 9, 0xb -> true;
                case 0xc -> lar;
                case 1, 3 -> !longMode;
                case 4, 5 -> lar && !longMode;
                default -> false;
            };
        }
        long flags = Flags.arithmetic(s) & ~Flags.ZF;
        if (ok) {
            long value = insn.sub == SysOp.LAR ? (d >>> 32) & 0x00f0ff00L : Segments.limit(d) & 0xffffffffL;
            Operands.write(cpu, insn.dst, value);
            flags |= Flags.ZF;
        }
        s.setArithmeticFlags(flags);
    }

    private static void verify(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        requireProtected(s);
        int selector = (int) Operands.read(cpu, insn.src) & 0xffff;
        long d = visibleDescriptor(cpu, selector);
        boolean ok = d != 0 && !Segments.isSystem(d);
        if (ok) {
            int type = Segments.type(d);
            ok = insn.sub == SysOp.VERR ? (!Segments.isCode(d) || (type & 2) != 0) : (!Segments.isCode(d) && (type & 2) != 0);
        }
        long flags = Flags.arithmetic(s) & ~Flags.ZF;
        s.setArithmeticFlags(flags | (ok ? Flags.ZF : 0));
    }

    /** The descriptor, or 0 if the selector is null, outside its table, or too privileged for CPL/RPL. */
    private static long visibleDescriptor(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xfffc) == 0) return 0;
        long d;
        try {
            Segments.descriptorAddress(s, selector, 8);
        } catch (CpuException e) {
            return 0;
        }
        d = Segments.read(cpu, selector);
        if (!Segments.isConforming(d)) {
            int dpl = Segments.dpl(d);
            if (dpl < s.cpl || dpl < (selector & 3)) return 0;
        }
        return d;
    }
}
