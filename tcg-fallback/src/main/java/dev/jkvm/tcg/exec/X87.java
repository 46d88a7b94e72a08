package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.exec.ExtendedReal.Context;
import dev.jkvm.tcg.state.X87State;

/**
 * x87 instructions: dispatch (sub = escape << 8 | ModRM, see X87Map), the register stack and
 * the commit protocol shared by {@link X87Memory} and {@link X87Registers}.
 *
 * <p>Exceptions: a masked exception delivers its default response and sets its flag; an unmasked
 * one sets its flag plus ES and B and is delivered as #MF at the next waiting x87 instruction
 * (or FWAIT), as on hardware. IE (including stack faults), DE and ZE are pre-computation
 * exceptions: unmasked, the destination, TOP and memory are left unchanged. Unmasked OE/UE
 * deliver the result with its exponent rebiased by 24576 to a register destination and store
 * nothing to memory. #MF is raised whether or not CR0.NE is set: the legacy FERR#/IRQ13 route of
 * CR0.NE=0 is not modelled (the pending exception is delivered as vector 16 at the next waiting
 * instruction either way).
 */
final class X87 {
    static final int WAIT = 0x800;
    private static final long CR0_MP = 1 << 1, CR0_TS = 1 << 3;

    private X87() {}

    static void execute(Cpu cpu, Insn insn) {
        X87State x = cpu.state.x87;
        int sub = insn.sub;
        if (sub == WAIT) {
            if ((cpu.state.cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS)) {
                throw CpuException.fault(CpuException.DEVICE_NOT_AVAILABLE);
            }
            checkPending(x);
            return;
        }
        int escape = sub >> 8, modrm = sub & 0xff;
        if ((modrm & 0xc0) == 0xc0 || insn.src == null) {
            if (!noWait(escape, modrm, false)) checkPending(x);
            X87Registers.execute(cpu, x, escape, modrm, insn);
        } else {
            if (!noWait(escape, modrm, true)) checkPending(x);
            X87Memory.execute(cpu, x, escape, (modrm >> 3) & 7, insn);
        }
    }

    /** FNINIT, FNCLEX, FNSTSW, FNSTCW, FNSTENV, FNSAVE (and FNENI/FNDISI/FNSETPM) skip the check. */
    private static boolean noWait(int escape, int modrm, boolean memory) {
        if (memory) {
            int reg = (modrm >> 3) & 7;
            return (escape == 1 && reg >= 6) || (escape == 5 && reg >= 6);
        }
        return (escape == 3 && modrm >= 0xe0 && modrm <= 0xe4) || (escape == 7 && modrm == 0xe0);
    }

    private static void checkPending(X87State x) {
        if ((x.statusWord & X87State.ES) != 0) throw CpuException.fault(CpuException.X87_FAULT);
    }

    /** Records FOP, FIP and FDP for a non-control instruction. */
    static void recordLast(Cpu cpu, X87State x, Insn insn, int escape, int modrm, long dataAddress) {
        x.lastOpcode = escape << 8 | modrm;
        x.lastInstructionPointer = cpu.state.rip - insn.length;
        x.lastDataPointer = dataAddress;
    }

    // ---- the stack ----

    static boolean isEmpty(X87State x, int i) {
        return x.empty[x.physical(i)];
    }

    static ExtendedReal st(X87State x, int i) {
        int r = x.physical(i);
        return new ExtendedReal(x.signExponent[r], x.significand[r]);
    }

    static void set(X87State x, int i, ExtendedReal v) {
        int r = x.physical(i);
        x.signExponent[r] = v.signExponent;
        x.significand[r] = v.significand;
        x.empty[r] = false;
    }

    static void pop(X87State x) {
        x.empty[x.top] = true;
        x.top = (x.top + 1) & 7;
    }

    static void push(X87State x, ExtendedReal v) {
        x.top = (x.top - 1) & 7;
        set(x, 0, v);
    }

    /** Whether a push would overwrite a non-empty register (stack overflow). */
    static boolean pushOverflows(X87State x) {
        return !x.empty[(x.top - 1) & 7];
    }

    // ---- committing status ----

    /** Whether the operation's flags include an unmasked pre-computation exception (IE, DE, ZE). */
    static boolean suppressed(X87State x, Context c) {
        return (c.flags & ~x.controlWord & (Context.IE | Context.DE | Context.ZE)) != 0;
    }

    /** An operation stopped by an unmasked pre-computation exception: only those flags are reported. */
    static void commitSuppressed(X87State x, Context c) {
        x.statusWord |= c.flags & (Context.IE | Context.DE | Context.ZE | Context.SF);
        setC1(x, false);
        x.updateSummary();
    }

    /** Merges the flags, sets C1 and the ES/B summary. */
    static void commit(X87State x, Context c, boolean c1) {
        x.statusWord |= c.flags;
        setC1(x, c1);
        x.updateSummary();
    }

    static void setC1(X87State x, boolean c1) {
        if (c1) x.statusWord |= X87State.C1;
        else x.statusWord &= ~X87State.C1;
    }

    static void setConditions(X87State x, boolean c3, boolean c2, boolean c1, boolean c0) {
        int s = x.statusWord & ~(X87State.C0 | X87State.C1 | X87State.C2 | X87State.C3);
        if (c3) s |= X87State.C3;
        if (c2) s |= X87State.C2;
        if (c1) s |= X87State.C1;
        if (c0) s |= X87State.C0;
        x.statusWord = s;
    }

    /** A stack underflow: IE and SF with C1 = 0; true when masked (the caller delivers indefinite). */
    static boolean underflow(X87State x) {
        x.statusWord |= X87State.IE | X87State.SF;
        setC1(x, false);
        x.updateSummary();
        return (x.controlWord & X87State.IE) != 0;
    }

    /** A stack overflow: IE and SF with C1 = 1; true when masked. */
    static boolean overflow(X87State x) {
        x.statusWord |= X87State.IE | X87State.SF;
        setC1(x, true);
        x.updateSummary();
        return (x.controlWord & X87State.IE) != 0;
    }

    /** Pushes a loaded value, or handles stack overflow (masked: push indefinite); an unmasked IE loads nothing. */
    static void load(X87State x, ExtendedReal v, Context c) {
        if (pushOverflows(x)) {
            if (overflow(x)) push(x, ExtendedReal.INDEFINITE);
            return;
        }
        if ((c.flags & ~x.controlWord & Context.IE) != 0) { // an unmasked DE still loads
            commitSuppressed(x, c);
            return;
        }
        push(x, v);
        commit(x, c, false);
    }
}
