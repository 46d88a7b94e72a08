package dev.jkvm.tcg;

import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Op;
import dev.jkvm.tcg.decode.Operand;
import dev.jkvm.tcg.exec.BasicBlock;
import dev.jkvm.tcg.exec.CompiledBlock;
import dev.jkvm.tcg.exec.Step;
import dev.jkvm.tcg.state.CpuState;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The second tier: turns a hot block into a hidden class whose {@link CompiledBlock#run} calls the
 * block's steps one after the other, each loaded as a class-data constant. HotSpot then sees every
 * call's exact receiver and inlines the steps (with their bound registers, sizes and immediates)
 * into one method: no per-instruction dispatch. The code keeps the run loop's bookkeeping: RIP
 * advanced before each step, {@link Cpu#blockIndex} naming the running instruction (for faults),
 * and an early return after any step that wrote to a code page ({@link Cpu#codeWritten}). Steps
 * that only touch registers need none of it ({@link #registersOnly}): RIP advances past a run of
 * them at the next step that may observe it, or at the end.
 */
final class BlockCompiler {
    /**
     * Runs of a block before it is compiled, by default. A Linux boot is fastest around here: far
     * more leaves most hot code interpreted, far fewer spends HotSpot's time on classes that hardly run.
     */
    static final int THRESHOLD = 20_000;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassDesc CD_CPU = Cpu.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_STATE = CpuState.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_STEP = Step.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_COMPILED = CompiledBlock.class.describeConstable().orElseThrow();
    private static final ClassDesc CD_SELF = ClassDesc.of(Cpu.class.getPackageName(), "CompiledBlockCode");
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(ConstantDescs.CD_int, CD_CPU);
    private static final MethodTypeDesc STEP_RUN = MethodTypeDesc.of(ConstantDescs.CD_void, CD_CPU);

    /** Ops whose forms on general registers and immediates cannot fault, read RIP or write memory. */
    private static final Set<Op> REGISTER_OPS = EnumSet.of(Op.MOV, Op.MOVZX, Op.MOVSX, Op.LEA, Op.ALU, Op.TEST,
            Op.INC, Op.DEC, Op.NOT, Op.NEG, Op.MUL, Op.IMUL_WIDE, Op.IMUL, Op.SHIFT, Op.CMOV, Op.SETCC, Op.BSWAP);

    private BlockCompiler() {}

    /** True when the instruction reads and writes only general registers and flags (LEA computes an address). */
    private static boolean registersOnly(Insn insn) {
        if (!REGISTER_OPS.contains(insn.op) || (insn.prefixes & Insn.LOCK) != 0) return false;
        if (insn.op == Op.LEA) return isRegisterOrImmediate(insn.dst) && insn.src.reg != Operand.RIP;
        return isRegisterOrImmediate(insn.dst) && isRegisterOrImmediate(insn.src) && isRegisterOrImmediate(insn.src2);
    }

    private static boolean isRegisterOrImmediate(Operand o) {
        return o == null || o.kind == Operand.GPR || o.kind == Operand.GPR_HIGH8 || o.kind == Operand.IMM;
    }

    private static void advanceRip(CodeBuilder code, int state, long bytes) {
        code.aload(state).dup().getfield(CD_STATE, "rip", ConstantDescs.CD_long)
                .loadConstant(bytes).ladd()
                .putfield(CD_STATE, "rip", ConstantDescs.CD_long);
    }

    static CompiledBlock compile(BasicBlock block) {
        Step[] steps = block.steps;
        byte[] bytes = ClassFile.of().build(CD_SELF, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withInterfaceSymbols(CD_COMPILED);
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                    .return_());
            cb.withMethodBody("run", RUN, ClassFile.ACC_PUBLIC, code -> {
                int cpu = 1, state = 2;
                code.aload(cpu).getfield(CD_CPU, "state", CD_STATE).astore(state);
                long ripBehind = 0; // bytes of instructions run or running that RIP has not been advanced past
                for (int k = 0; k < steps.length; k++) {
                    Insn insn = block.instructions[k];
                    ripBehind += insn.length;
                    boolean bookkeeping = !registersOnly(insn);
                    if (bookkeeping) {
                        code.aload(cpu).loadConstant(k).putfield(CD_CPU, "blockIndex", ConstantDescs.CD_int);
                        advanceRip(code, state, ripBehind);
                        ripBehind = 0;
                    }
                    code.loadConstant(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT,
                                    ConstantDescs.DEFAULT_NAME, CD_STEP, k))
                            .aload(cpu).invokeinterface(CD_STEP, "run", STEP_RUN);
                    if (k == steps.length - 1 || !bookkeeping) continue;
                    int done = k + 1;
                    code.aload(cpu).getfield(CD_CPU, "codeWritten", ConstantDescs.CD_boolean)
                            .ifThen(then -> then.loadConstant(done).ireturn());
                }
                if (ripBehind != 0) advanceRip(code, state, ripBehind);
                code.loadConstant(steps.length).ireturn();
            });
        });
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClassWithClassData(bytes, List.of(steps), true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot compile the block at " + Long.toHexString(block.physicalAddress), e);
        }
    }
}
