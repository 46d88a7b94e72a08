package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.state.CpuState;

/** SSE and x87 execution, split from {@link Interpreter} to keep each dispatch method small. */
final class SimdDispatch {
    private static final long CR0_EM = 1 << 2, CR0_TS = 1 << 3, CR4_OSFXSR = 1 << 9;

    private SimdDispatch() {}

    static void execute(Cpu cpu, Insn insn) {
        switch (insn.op) {
            case X87 -> {
                if (insn.sub != X87.WAIT) checkFpuAvailable(cpu.state); // FWAIT checks CR0.MP/TS itself
                X87.execute(cpu, insn);
            }
            case UNDEFINED -> throw CpuException.undefinedOpcode();
            default -> {
                checkSseAvailable(cpu.state);
                sse(cpu, insn);
            }
        }
    }

    private static void sse(Cpu cpu, Insn insn) {
        switch (insn.op) {
            case SSE_MOVE -> SseMoves.move(cpu, insn);
            case SSE_MOVMSK -> SseMoves.moveMask(cpu, insn);
            case SSE_INT_ARITH -> SseInteger.arithmetic(cpu, insn);
            case SSE_INT_SHIFT_BY_OPERAND -> SseInteger.shiftByOperand(cpu, insn);
            case SSE_INT_SHIFT_BY_IMM -> SseInteger.shiftByImmediate(cpu, insn);
            case SSE_SHUFFLE -> SseInteger.shuffle(cpu, insn);
            case SSE_UNPACK -> SseInteger.unpack(cpu, insn);
            case SSE_PACK -> SseInteger.pack(cpu, insn);
            case SSE_INSERT_WORD -> SseInteger.insertWord(cpu, insn);
            case SSE_EXTRACT_WORD -> SseInteger.extractWord(cpu, insn);
            case SSE_FLOAT_ARITH -> SseFloat.arithmetic(cpu, insn);
            case SSE_FLOAT_COMPARE -> SseFloat.compare(cpu, insn);
            case SSE_COMPARE_FLAGS -> SseFloat.compareToFlags(cpu, insn);
            case SSE_CONVERT -> SseConvert.convert(cpu, insn);
            case SSE_MXCSR -> SimdState.mxcsr(cpu, insn);
            case FXSAVE -> SimdState.save(cpu, insn);
            case FXRSTOR -> SimdState.restore(cpu, insn);
            default -> throw new IllegalStateException("no executor for " + insn);
        }
    }

    /** CR0.EM or CR0.TS make x87 instructions fault with #NM (lazy FPU switching). */
    private static void checkFpuAvailable(CpuState s) {
        if ((s.cr0 & (CR0_EM | CR0_TS)) != 0) throw CpuException.fault(CpuException.DEVICE_NOT_AVAILABLE);
    }

    private static void checkSseAvailable(CpuState s) {
        if ((s.cr0 & CR0_EM) != 0 || (s.cr4 & CR4_OSFXSR) == 0) throw CpuException.undefinedOpcode();
        if ((s.cr0 & CR0_TS) != 0) throw CpuException.fault(CpuException.DEVICE_NOT_AVAILABLE);
    }
}
