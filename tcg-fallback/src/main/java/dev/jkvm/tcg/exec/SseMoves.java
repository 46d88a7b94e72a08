package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.decode.SseKind;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Width;

/**
 * All SSE data moves as one parameterized operation: size bytes from the source (optionally its
 * high qword) to the destination (optionally its high qword), merging or zeroing the rest.
 */
final class SseMoves {
    private SseMoves() {}

    static void move(Cpu cpu, Insn insn) {
        int flags = insn.sub;
        boolean aligned = (flags & SseKind.ALIGNED) != 0;
        Operand src = insn.src, dst = insn.dst;
        long low, high;
        if (src.kind == Operand.XMM) {
            low = (flags & SseKind.SOURCE_HIGH) != 0 ? SseOperands.high(cpu, src.reg) : SseOperands.low(cpu, src.reg);
            high = SseOperands.high(cpu, src.reg);
        } else {
            long[] v = SseOperands.read(cpu, src, aligned);
            low = v[0];
            high = v[1];
        }
        if (dst.kind != Operand.XMM) {
            SseOperands.write(cpu, dst, insn.size == 16 ? low : low & Width.mask(insn.size), high, aligned);
            return;
        }
        CpuState s = cpu.state;
        if (insn.size == 16) {
            SseOperands.set(cpu, dst.reg, low, high);
            return;
        }
        long mask = Width.mask(insn.size);
        int part = 2 * dst.reg + ((flags & SseKind.DEST_HIGH) != 0 ? 1 : 0);
        if ((flags & SseKind.ZERO_REST) != 0) {
            SseOperands.set(cpu, dst.reg, low & mask, 0);
        } else {
            s.xmm[part] = (s.xmm[part] & ~mask) | (low & mask);
        }
    }

    /** MOVMSKPS, MOVMSKPD, PMOVMSKB: sign bits of the lanes into a GPR. */
    static void moveMask(Cpu cpu, Insn insn) {
        long low = SseOperands.low(cpu, insn.src.reg), high = SseOperands.high(cpu, insn.src.reg);
        int laneBits = insn.sub == SseKind.MOVMSKPS ? 32 : insn.sub == SseKind.MOVMSKPD ? 64 : 8;
        int mask = 0, bit = 0;
        for (long q : new long[] {low, high}) {
            for (int i = laneBits - 1; i < 64; i += laneBits) mask |= (int) ((q >>> i) & 1) << bit++;
        }
        Operands.write(cpu, insn.dst, mask);
    }
}
