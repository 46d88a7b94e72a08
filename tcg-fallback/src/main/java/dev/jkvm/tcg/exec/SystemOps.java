package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;

/** CPUID, RDTSC, HLT, flag instructions, port I/O and software interrupts. */
public final class SystemOps {
    private static final long CR4_TSD = 1 << 2;

    private SystemOps() {}

    private static int iopl(CpuState s) {
        return (int) (s.rflagsOther >> 12) & 3;
    }

    /** Port access needs CPL <= IOPL outside real mode; the TSS I/O bitmap is the system part's. */
    public static void checkIoPermission(Cpu cpu, int port, int size) {
        CpuState s = cpu.state;
        if (s.mode != CpuMode.REAL && s.cpl > iopl(s)) throw CpuException.generalProtection();
    }

    public static void cpuid(Cpu cpu) {
        long[] g = cpu.state.gpr;
        int[] r = cpu.cpuid.query((int) g[Reg.RAX], (int) g[Reg.RCX]);
        g[Reg.RAX] = r[0] & 0xffffffffL;
        g[Reg.RBX] = r[1] & 0xffffffffL;
        g[Reg.RCX] = r[2] & 0xffffffffL;
        g[Reg.RDX] = r[3] & 0xffffffffL;
    }

    public static void readTimeStampCounter(Cpu cpu) {
        CpuState s = cpu.state;
        if ((s.cr4 & CR4_TSD) != 0 && s.cpl != 0) throw CpuException.generalProtection();
        long tsc = cpu.timeStampCounter();
        s.gpr[Reg.RAX] = tsc & 0xffffffffL;
        s.gpr[Reg.RDX] = tsc >>> 32;
    }

    public static void halt(Cpu cpu) {
        if (cpu.state.cpl != 0) throw CpuException.generalProtection();
        cpu.state.halted = true;
    }

    /** CMC, CLC, STC, CLI, STI, CLD, STD, identified by their opcode byte. */
    public static void flagControl(Cpu cpu, Insn insn) {
        CpuState s = cpu.state;
        switch (insn.sub) {
            case 0xf5, 0xf8, 0xf9 -> {
                boolean carry = insn.sub == 0xf9 || (insn.sub == 0xf5 && !Flags.carry(s));
                s.setArithmeticFlags((Flags.arithmetic(s) & ~Flags.CF) | (carry ? Flags.CF : 0));
            }
            case 0xfa, 0xfb -> {
                if (s.mode != CpuMode.REAL && s.cpl > iopl(s)) throw CpuException.generalProtection();
                if (insn.sub == 0xfb) {
                    if (!s.interruptsEnabled()) s.interruptShadow = true;
                    s.rflagsOther |= Flags.IF;
                } else {
                    s.rflagsOther &= ~Flags.IF;
                }
            }
            case 0xfc -> s.rflagsOther &= ~Flags.DF;
            default -> s.rflagsOther |= Flags.DF;
        }
    }

    /** LAHF: AH = SF:ZF:0:AF:0:PF:1:CF. */
    public static void loadFlagsIntoAh(Cpu cpu) {
        CpuState s = cpu.state;
        long ah = (Flags.arithmetic(s) & (Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF)) | Flags.FIXED_ONE;
        s.gpr[Reg.RAX] = (s.gpr[Reg.RAX] & ~0xff00L) | (ah << 8);
    }

    /** SAHF: SF, ZF, AF, PF, CF from AH; OF unchanged. */
    public static void storeAhIntoFlags(Cpu cpu) {
        CpuState s = cpu.state;
        long mask = Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF;
        long ah = (s.gpr[Reg.RAX] >>> 8) & mask;
        s.setArithmeticFlags((Flags.arithmetic(s) & ~mask) | ah);
    }

    public static void in(Cpu cpu, Insn insn) {
        int port = (int) Operands.read(cpu, insn.src) & 0xffff;
        checkIoPermission(cpu, port, insn.size);
        Operands.write(cpu, insn.dst, cpu.io.read(port, insn.size));
    }

    public static void out(Cpu cpu, Insn insn) {
        int port = (int) Operands.read(cpu, insn.dst) & 0xffff;
        checkIoPermission(cpu, port, insn.size);
        cpu.io.write(port, insn.size, Operands.read(cpu, insn.src));
    }
}
