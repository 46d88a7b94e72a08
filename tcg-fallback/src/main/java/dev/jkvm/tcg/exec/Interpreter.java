package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;

/**
 * Executes one decoded instruction. Kept to a dispatch switch of small calls so the JIT compiles
 * it (HotSpot skips methods over 8000 bytecodes) and so translated code can call the same helpers.
 */
public final class Interpreter {
    private Interpreter() {}

    public static void execute(Cpu cpu, Insn insn) {
        switch (insn.op) {
            case NOP -> {
                if ((insn.prefixes & Insn.REP) != 0) cpu.pause(); // F3 90
            }
            case ALU -> Arithmetic.alu(cpu, insn);
            case TEST -> Arithmetic.test(cpu, insn);
            case NOT -> Arithmetic.not(cpu, insn);
            case NEG -> Arithmetic.negate(cpu, insn);
            case INC -> Arithmetic.incrementOrDecrement(cpu, insn, true);
            case DEC -> Arithmetic.incrementOrDecrement(cpu, insn, false);
            case MUL -> MultiplyDivide.multiplyWide(cpu, insn, false);
            case IMUL_WIDE -> MultiplyDivide.multiplyWide(cpu, insn, true);
            case IMUL -> MultiplyDivide.multiplyTruncated(cpu, insn);
            case DIV -> MultiplyDivide.divideUnsigned(cpu, insn);
            case IDIV -> MultiplyDivide.divideSigned(cpu, insn);
            case SHIFT -> Shifts.shift(cpu, insn);
            case SHLD -> Shifts.doubleShift(cpu, insn, true);
            case SHRD -> Shifts.doubleShift(cpu, insn, false);
            case BIT_TEST -> BitOps.bitTest(cpu, insn);
            case BSF -> BitOps.bitScan(cpu, insn, true);
            case BSR -> BitOps.bitScan(cpu, insn, false);
            case POPCNT -> BitOps.popcount(cpu, insn);
            case MOV, MOVZX -> DataMovement.move(cpu, insn);
            case MOVSX -> DataMovement.moveSignExtended(cpu, insn);
            case LEA -> DataMovement.loadEffectiveAddress(cpu, insn);
            case XCHG -> DataMovement.exchange(cpu, insn);
            case CMPXCHG -> DataMovement.compareExchange(cpu, insn);
            case CMPXCHG_DOUBLE -> DataMovement.compareExchangeDouble(cpu, insn);
            case XADD -> DataMovement.exchangeAdd(cpu, insn);
            case BSWAP -> DataMovement.byteSwap(cpu, insn);
            case CMOV -> DataMovement.conditionalMove(cpu, insn);
            case SETCC -> DataMovement.setByteOnCondition(cpu, insn);
            case XLAT -> DataMovement.translateByte(cpu, insn);
            case MOV_FROM_SEGMENT -> DataMovement.moveFromSegment(cpu, insn);
            case WIDEN_ACCUMULATOR -> DataMovement.widenAccumulator(cpu, insn);
            case SIGN_INTO_DX -> DataMovement.signIntoDx(cpu, insn);
            case PUSH -> StackOps.push(cpu, insn);
            case POP -> StackOps.pop(cpu, insn);
            case PUSHF -> StackOps.pushFlags(cpu, insn);
            case POPF -> StackOps.popFlags(cpu, insn);
            case ENTER -> StackOps.enter(cpu, insn);
            case LEAVE -> StackOps.leave(cpu, insn);
            case JCC -> ControlFlow.jumpConditional(cpu, insn);
            case JMP_RELATIVE -> ControlFlow.jumpRelative(cpu, insn);
            case JMP_ABSOLUTE -> ControlFlow.jumpAbsolute(cpu, insn);
            case CALL_RELATIVE -> ControlFlow.callRelative(cpu, insn);
            case CALL_ABSOLUTE -> ControlFlow.callAbsolute(cpu, insn);
            case RET -> ControlFlow.ret(cpu, insn);
            case LOOP -> ControlFlow.loop(cpu, insn);
            case JRCXZ -> ControlFlow.jumpIfCounterZero(cpu, insn);
            case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> StringOps.execute(cpu, insn);
            case IN -> SystemOps.in(cpu, insn);
            case OUT -> SystemOps.out(cpu, insn);
            case FLAG_CONTROL -> SystemOps.flagControl(cpu, insn);
            case LAHF -> SystemOps.loadFlagsIntoAh(cpu);
            case SAHF -> SystemOps.storeAhIntoFlags(cpu);
            case CPUID -> SystemOps.cpuid(cpu);
            case RDTSC -> SystemOps.readTimeStampCounter(cpu);
            case HLT -> SystemOps.halt(cpu);
            case SOFTWARE_INTERRUPT -> throw CpuException.softwareInterrupt(insn.sub);
            case SYSTEM -> dev.jkvm.tcg.sys.SystemDispatch.execute(cpu, insn);
            default -> SimdDispatch.execute(cpu, insn);
        }
    }
}
