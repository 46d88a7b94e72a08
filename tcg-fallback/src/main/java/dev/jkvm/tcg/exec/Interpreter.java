package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;

/**
 * Binds a decoded instruction to the helper that executes it, once per decode, so running it needs
 * no dispatch on the operation. The helpers are small static methods that translated code can call
 * too.
 */
public final class Interpreter {
    private Interpreter() {}

    public static Step step(Insn insn) {
        return switch (insn.op) {
            case NOP -> (insn.prefixes & Insn.REP) != 0 ? Cpu::pause : cpu -> { }; // F3 90 is PAUSE
            case ALU -> cpu -> Arithmetic.alu(cpu, insn);
            case TEST -> cpu -> Arithmetic.test(cpu, insn);
            case NOT -> cpu -> Arithmetic.not(cpu, insn);
            case NEG -> cpu -> Arithmetic.negate(cpu, insn);
            case INC -> cpu -> Arithmetic.incrementOrDecrement(cpu, insn, true);
            case DEC -> cpu -> Arithmetic.incrementOrDecrement(cpu, insn, false);
            case MUL -> cpu -> MultiplyDivide.multiplyWide(cpu, insn, false);
            case IMUL_WIDE -> cpu -> MultiplyDivide.multiplyWide(cpu, insn, true);
            case IMUL -> cpu -> MultiplyDivide.multiplyTruncated(cpu, insn);
            case DIV -> cpu -> MultiplyDivide.divideUnsigned(cpu, insn);
            case IDIV -> cpu -> MultiplyDivide.divideSigned(cpu, insn);
            case SHIFT -> cpu -> Shifts.shift(cpu, insn);
            case SHLD -> cpu -> Shifts.doubleShift(cpu, insn, true);
            case SHRD -> cpu -> Shifts.doubleShift(cpu, insn, false);
            case BIT_TEST -> cpu -> BitOps.bitTest(cpu, insn);
            case BSF -> cpu -> BitOps.bitScan(cpu, insn, true);
            case BSR -> cpu -> BitOps.bitScan(cpu, insn, false);
            case POPCNT -> cpu -> BitOps.popcount(cpu, insn);
            case MOV, MOVZX -> cpu -> DataMovement.move(cpu, insn);
            case MOVSX -> cpu -> DataMovement.moveSignExtended(cpu, insn);
            case LEA -> cpu -> DataMovement.loadEffectiveAddress(cpu, insn);
            case XCHG -> cpu -> DataMovement.exchange(cpu, insn);
            case CMPXCHG -> cpu -> DataMovement.compareExchange(cpu, insn);
            case CMPXCHG_DOUBLE -> cpu -> DataMovement.compareExchangeDouble(cpu, insn);
            case XADD -> cpu -> DataMovement.exchangeAdd(cpu, insn);
            case BSWAP -> cpu -> DataMovement.byteSwap(cpu, insn);
            case CMOV -> cpu -> DataMovement.conditionalMove(cpu, insn);
            case SETCC -> cpu -> DataMovement.setByteOnCondition(cpu, insn);
            case XLAT -> cpu -> DataMovement.translateByte(cpu, insn);
            case MOV_FROM_SEGMENT -> cpu -> DataMovement.moveFromSegment(cpu, insn);
            case WIDEN_ACCUMULATOR -> cpu -> DataMovement.widenAccumulator(cpu, insn);
            case SIGN_INTO_DX -> cpu -> DataMovement.signIntoDx(cpu, insn);
            case PUSH -> cpu -> StackOps.push(cpu, insn);
            case POP -> cpu -> StackOps.pop(cpu, insn);
            case PUSHF -> cpu -> StackOps.pushFlags(cpu, insn);
            case POPF -> cpu -> StackOps.popFlags(cpu, insn);
            case ENTER -> cpu -> StackOps.enter(cpu, insn);
            case LEAVE -> cpu -> StackOps.leave(cpu, insn);
            case JCC -> cpu -> ControlFlow.jumpConditional(cpu, insn);
            case JMP_RELATIVE -> cpu -> ControlFlow.jumpRelative(cpu, insn);
            case JMP_ABSOLUTE -> cpu -> ControlFlow.jumpAbsolute(cpu, insn);
            case CALL_RELATIVE -> cpu -> ControlFlow.callRelative(cpu, insn);
            case CALL_ABSOLUTE -> cpu -> ControlFlow.callAbsolute(cpu, insn);
            case RET -> cpu -> ControlFlow.ret(cpu, insn);
            case LOOP -> cpu -> ControlFlow.loop(cpu, insn);
            case JRCXZ -> cpu -> ControlFlow.jumpIfCounterZero(cpu, insn);
            case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> cpu -> StringOps.execute(cpu, insn);
            case IN -> cpu -> SystemOps.in(cpu, insn);
            case OUT -> cpu -> SystemOps.out(cpu, insn);
            case FLAG_CONTROL -> cpu -> SystemOps.flagControl(cpu, insn);
            case LAHF -> cpu -> SystemOps.loadFlagsIntoAh(cpu);
            case SAHF -> cpu -> SystemOps.storeAhIntoFlags(cpu);
            case CPUID -> cpu -> SystemOps.cpuid(cpu);
            case RDTSC -> cpu -> SystemOps.readTimeStampCounter(cpu);
            case HLT -> cpu -> SystemOps.halt(cpu);
            case SOFTWARE_INTERRUPT -> cpu -> {
                throw CpuException.softwareInterrupt(insn.sub);
            };
            case SYSTEM -> cpu -> dev.jkvm.tcg.sys.SystemDispatch.execute(cpu, insn);
            default -> cpu -> SimdDispatch.execute(cpu, insn);
        };
    }
}
