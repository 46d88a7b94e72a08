package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.Operands;
import dev.jkvm.tcg.exec.Stack;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import dev.jkvm.tcg.state.SegmentRegister;
import dev.jkvm.tcg.state.Width;

/**
 * Far JMP/CALL/RET, IRET, SYSCALL/SYSRET. Every check that can fault happens before any register
 * changes, so a fault leaves the instruction restartable.
 *
 * <p>Not supported (raise #GP with the selector): call gates, task gates and TSS targets of far
 * transfers, IRET with NT set (task return), and IRET to virtual-8086 mode (EFLAGS.VM is ignored).
 * Linux uses none of them.
 */
public final class FarTransfers {
    /** Flat code/data attributes used by SYSCALL/SYSRET (type, S, DPL, P, L, D/B, G). */
    static final int KERNEL_CODE_64 = 0x209b | 0x8000, KERNEL_DATA = 0xc093;
    static final int USER_CODE_64 = 0x20fb | 0x8000, USER_CODE_32 = 0xc0fb, USER_DATA = 0xc0f3;
    static final int KERNEL_CODE_32 = 0xc09b;

    private FarTransfers() {}

    /** The checks of a direct far JMP/CALL target: a present code segment this CPL may enter. */
    static long checkCodeTarget(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xfffc) == 0) throw CpuException.generalProtection();
        long d = Segments.read(cpu, selector);
        if (Segments.isSystem(d) || !Segments.isCode(d)) throw Segments.gp(selector); // gates/TSS unsupported
        int dpl = Segments.dpl(d);
        if (Segments.isConforming(d) ? dpl > s.cpl : ((selector & 3) > s.cpl || dpl != s.cpl)) throw Segments.gp(selector);
        if (!Segments.present(d)) throw Segments.notPresent(selector);
        checkLongBits(s, selector, d);
        return d;
    }

    private static void checkLongBits(CpuState s, int selector, long d) {
        if ((s.efer & ControlBits.EFER_LMA) != 0 && Segments.isLong(d) && Segments.isBig(d)) throw Segments.gp(selector);
    }

    /** Loads CS from a checked descriptor with RPL = cpl, sets CPL and the mode. */
    static void loadCode(Cpu cpu, int selector, long d, int cpl) {
        CpuState s = cpu.state;
        Segments.setAccessed(cpu, selector, d);
        Segments.loadFromDescriptor(s.segments[Segment.CS], (selector & ~3) | cpl, d);
        s.cpl = cpl;
        Segments.updateMode(s);
    }


    private static void loadRealCode(CpuState s, int selector) {
        SegmentRegister cs = s.segments[Segment.CS];
        cs.selector = selector & 0xffff;
        cs.base = (long) (selector & 0xffff) << 4;
    }

    public static void jumpFar(Cpu cpu, int selector, long offset, int size) {
        CpuState s = cpu.state;
        selector &= 0xffff;
        if (s.mode == CpuMode.REAL) {
            loadRealCode(s, selector);
            s.rip = offset & Width.mask(Math.min(size, 4));
            return;
        }
        long d = checkCodeTarget(cpu, selector);
        long rip = returnOffset(s, d, offset, size);
        loadCode(cpu, selector, d, s.cpl);
        s.rip = rip;
    }

    public static void callFar(Cpu cpu, int selector, long offset, int size) {
        CpuState s = cpu.state;
        selector &= 0xffff;
        long oldRsp = s.gpr[Reg.RSP];
        int oldCs = s.segments[Segment.CS].selector;
        long returnAddress = s.rip;
        long d = s.mode == CpuMode.REAL ? 0 : checkCodeTarget(cpu, selector);
        long rip = s.mode == CpuMode.REAL ? offset & Width.mask(Math.min(size, 4)) : returnOffset(s, d, offset, size);
        try {
            Stack.push(cpu, size, oldCs);
            Stack.push(cpu, size, returnAddress);
        } catch (CpuException e) {
            s.gpr[Reg.RSP] = oldRsp;
            throw e;
        }
        if (s.mode == CpuMode.REAL) {
            loadRealCode(s, selector);
            s.rip = offset & Width.mask(Math.min(size, 4));
            return;
        }
        loadCode(cpu, selector, d, s.cpl);
        s.rip = rip;
    }

    /** FF /3 and FF /5: the far pointer (offset, then selector) is in memory. */
    static void jumpFarIndirect(Cpu cpu, Insn insn, boolean call) {
        long address = Operands.linearAddress(cpu.state, insn.src);
        long offset = cpu.memory.read(address, insn.size);
        int selector = (int) cpu.memory.read(address + insn.size, 2);
        if (call) callFar(cpu, selector, offset, insn.size);
        else jumpFar(cpu, selector, offset, insn.size);
    }

    private static long stackRead(Cpu cpu, long offsetFromRsp, int size) {
        CpuState s = cpu.state;
        return cpu.memory.read(Stack.linear(s, Stack.offsetRsp(s, offsetFromRsp)), size);
    }

    /** RETF [imm16]: same-privilege or outer-privilege return. */
    public static void returnFar(Cpu cpu, int size, long release) {
        CpuState s = cpu.state;
        long ip = stackRead(cpu, 0, size);
        int selector = (int) stackRead(cpu, size, 2);
        if (s.mode == CpuMode.REAL) {
            loadRealCode(s, selector);
            s.rip = ip & Width.mask(Math.min(size, 4));
            s.gpr[Reg.RSP] = Stack.offsetRsp(s, 2L * size + release);
            return;
        }
        int rpl = selector & 3;
        long d = checkReturnCode(cpu, selector);
        long rip = returnOffset(s, d, ip, size);
        if (rpl == s.cpl) {
            long newRsp = Stack.offsetRsp(s, 2L * size + release);
            loadCode(cpu, selector, d, rpl);
            s.rip = rip;
            s.gpr[Reg.RSP] = newRsp;
            return;
        }
        long newRsp = stackRead(cpu, 2L * size + release, size);
        int ss = (int) stackRead(cpu, 3L * size + release, 2);
        long ssd = checkOuterStack(cpu, ss, rpl, d);
        loadCode(cpu, selector, d, rpl);
        loadStack(cpu, ss, ssd);
        s.rip = rip;
        s.gpr[Reg.RSP] = stackPointer(s, newRsp + release);
        Segments.nullInaccessibleDataSegments(s);
    }

    /** The checks of a return target (RETF/IRET): RPL >= CPL, a present code segment with matching DPL. */
    private static long checkReturnCode(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xfffc) == 0) throw CpuException.generalProtection();
        int rpl = selector & 3;
        if (rpl < s.cpl) throw Segments.gp(selector);
        long d = Segments.read(cpu, selector);
        if (!Segments.isCode(d)) throw Segments.gp(selector);
        int dpl = Segments.dpl(d);
        if (Segments.isConforming(d) ? dpl > rpl : dpl != rpl) throw Segments.gp(selector);
        if (!Segments.present(d)) throw Segments.notPresent(selector);
        checkLongBits(s, selector, d);
        return d;
    }

    /** The stack segment for a return to privilege rpl; 0 for a null SS allowed by a 64-bit target. */
    private static long checkOuterStack(Cpu cpu, int ss, int rpl, long codeDescriptor) {
        CpuState s = cpu.state;
        boolean target64 = (s.efer & ControlBits.EFER_LMA) != 0 && Segments.isLong(codeDescriptor);
        if ((ss & 0xfffc) == 0) {
            if (target64 && rpl != 3 && (ss & 3) == rpl) return 0;
            throw CpuException.generalProtection();
        }
        long d = Segments.read(cpu, ss);
        if ((ss & 3) != rpl || Segments.isSystem(d) || Segments.isCode(d) || (Segments.type(d) & 2) == 0
                || Segments.dpl(d) != rpl) {
            throw Segments.gp(ss);
        }
        if (!Segments.present(d)) throw CpuException.fault(CpuException.STACK_FAULT, ss & 0xfffc);
        return d;
    }

    private static void loadStack(Cpu cpu, int ss, long d) {
        CpuState s = cpu.state;
        if (d == 0) {
            Segments.loadNullStack(s, ss);
        } else {
            Segments.setAccessed(cpu, ss, d);
            Segments.loadFromDescriptor(s.segments[Segment.SS], ss, d);
        }
    }

    /** The new RIP for a target code descriptor: canonical if 64-bit, else truncated to the operand size. */
    private static long returnOffset(CpuState s, long d, long ip, int size) {
        if ((s.efer & ControlBits.EFER_LMA) != 0 && Segments.isLong(d)) {
            if ((ip << 16) >> 16 != ip) throw CpuException.generalProtection();
            return ip;
        }
        return ip & Width.mask(Math.min(size, 4));
    }

    /** A popped stack pointer, as wide as the new stack (64-bit mode keeps all of it). */
    private static long stackPointer(CpuState s, long rsp) {
        if (s.mode.is64()) return rsp;
        if ((s.segments[Segment.SS].attributes & SegmentRegister.ATTR_DEFAULT_BIG) != 0) return rsp & 0xffffffffL;
        return (s.gpr[Reg.RSP] & ~0xffffL) | (rsp & 0xffff);
    }

    /** IRET/IRETD/IRETQ in real, protected and IA-32e mode; unblocks NMIs. */
    public static void interruptReturn(Cpu cpu, int size) {
        CpuState s = cpu.state;
        long ip = stackRead(cpu, 0, size);
        int selector = (int) stackRead(cpu, size, 2);
        long flags = stackRead(cpu, 2L * size, size);
        if (s.mode == CpuMode.REAL) {
            s.gpr[Reg.RSP] = Stack.offsetRsp(s, 3L * size);
            loadRealCode(s, selector);
            s.rip = ip & Width.mask(Math.min(size, 4));
            setFlags(s, flags, size, 0);
            s.nmiBlocked = false;
            return;
        }
        if ((s.rflagsOther & Flags.NT) != 0 && (s.efer & ControlBits.EFER_LMA) == 0) {
            throw CpuException.generalProtection(); // task return: no hardware task switching
        }
        if ((s.rflagsOther & Flags.NT) != 0) throw CpuException.generalProtection();
        int oldCpl = s.cpl;
        int rpl = selector & 3;
        long d = checkReturnCode(cpu, selector);
        boolean popStack = s.mode.is64() || rpl != oldCpl;
        long rip = returnOffset(s, d, ip, size);
        if (!popStack) {
            long newRsp = Stack.offsetRsp(s, 3L * size);
            loadCode(cpu, selector, d, rpl);
            s.rip = rip;
            s.gpr[Reg.RSP] = newRsp;
            setFlags(s, flags, size, oldCpl);
            s.nmiBlocked = false;
            return;
        }
        long newRsp = stackRead(cpu, 3L * size, size);
        int ss = (int) stackRead(cpu, 4L * size, 2);
        long ssd = checkOuterStack(cpu, ss, rpl, d);
        loadCode(cpu, selector, d, rpl);
        loadStack(cpu, ss, ssd);
        s.rip = rip;
        s.gpr[Reg.RSP] = stackPointer(s, newRsp);
        setFlags(s, flags, size, oldCpl);
        if (rpl > oldCpl) Segments.nullInaccessibleDataSegments(s);
        s.nmiBlocked = false;
    }

    /** The RFLAGS bits IRET may change at the given (old) CPL; VM, VIF, VIP stay clear. */
    private static void setFlags(CpuState s, long value, int size, int cpl) {
        long writable = Flags.ARITHMETIC | Flags.TF | Flags.DF | Flags.NT | Flags.RF | Flags.AC | Flags.ID;
        int iopl = (int) (s.rflagsOther >> 12) & 3;
        if (cpl <= iopl) writable |= Flags.IF;
        if (cpl == 0) writable |= Flags.IOPL;
        if (size == 2) writable &= 0xffff;
        long old = s.rflags();
        s.setRflags((old & ~writable) | (value & writable));
    }

    /** SYSCALL: to CPL 0 at LSTAR (64-bit) or CSTAR (compatibility mode), flags masked by SFMASK. */
    static void syscall(Cpu cpu) {
        CpuState s = cpu.state;
        if ((s.efer & ControlBits.EFER_SCE) == 0 || s.mode == CpuMode.REAL) throw CpuException.undefinedOpcode();
        int selector = (int) (s.star >>> 32) & 0xfffc;
        long flags = s.rflags();
        if ((s.efer & ControlBits.EFER_LMA) != 0) {
            s.gpr[Reg.RCX] = s.rip;
            s.gpr[Reg.R11] = flags & ~Flags.RF;
            long target = s.mode.is64() ? s.lstar : s.cstar;
            s.setRflags(flags & ~s.sfmask & ~Flags.RF);
            s.segments[Segment.CS].load(selector, 0, 0xffffffff, KERNEL_CODE_64);
            s.segments[Segment.SS].load(selector + 8, 0, 0xffffffff, KERNEL_DATA);
            s.cpl = 0;
            Segments.updateMode(s);
            s.rip = target;
        } else {
            s.gpr[Reg.RCX] = s.rip & 0xffffffffL;
            s.setRflags(flags & ~(Flags.IF | Flags.VM | Flags.RF));
            s.segments[Segment.CS].load(selector, 0, 0xffffffff, KERNEL_CODE_32);
            s.segments[Segment.SS].load(selector + 8, 0, 0xffffffff, KERNEL_DATA);
            s.cpl = 0;
            Segments.updateMode(s);
            s.rip = s.star & 0xffffffffL;
        }
    }

    /** SYSRET: to CPL 3, 64-bit (REX.W) or compatibility mode; RFLAGS from R11. */
    static void sysret(Cpu cpu, int size) {
        CpuState s = cpu.state;
        if ((s.efer & ControlBits.EFER_SCE) == 0) throw CpuException.undefinedOpcode();
        if (s.mode == CpuMode.REAL || s.cpl != 0) throw CpuException.generalProtection();
        int selector = (int) (s.star >>> 48) & 0xffff;
        if ((s.efer & ControlBits.EFER_LMA) != 0) {
            long target;
            if (size == 8) {
                target = s.gpr[Reg.RCX];
                if ((target << 16) >> 16 != target) throw CpuException.generalProtection();
                s.segments[Segment.CS].load(((selector + 16) & 0xfffc) | 3, 0, 0xffffffff, USER_CODE_64);
            } else {
                target = s.gpr[Reg.RCX] & 0xffffffffL;
                s.segments[Segment.CS].load((selector & 0xfffc) | 3, 0, 0xffffffff, USER_CODE_32);
            }
            s.setRflags((s.gpr[Reg.R11] & ~(Flags.RF | Flags.VM)) | Flags.FIXED_ONE);
            s.rip = target;
        } else {
            s.segments[Segment.CS].load((selector & 0xfffc) | 3, 0, 0xffffffff, USER_CODE_32);
            s.rflagsOther |= Flags.IF;
            s.rip = s.gpr[Reg.RCX] & 0xffffffffL;
        }
        s.segments[Segment.SS].load(((selector + 8) & 0xfffc) | 3, 0, 0xffffffff, USER_DATA);
        s.cpl = 3;
        Segments.updateMode(s);
    }
}
