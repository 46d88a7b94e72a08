package dev.jkvm.tcg;

import dev.jkvm.tcg.exec.BasicBlock;
import dev.jkvm.tcg.exec.CompiledBlock;
import dev.jkvm.tcg.exec.Step;
import dev.jkvm.tcg.state.CpuState;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The second tier: turns a hot block into a hidden class whose {@link CompiledBlock#run} calls the
 * block's steps one after the other, each loaded as a class-data constant. HotSpot then sees every
 * call's exact receiver and inlines the steps (with their bound registers, sizes and immediates)
 * into one method: no per-instruction dispatch. The code keeps the run loop's bookkeeping: RIP
 * advanced before each step, {@link Cpu#blockIndex} naming the running instruction (for faults),
 * and an early return after any step that wrote to a code page ({@link Cpu#codeWritten}).
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

    private BlockCompiler() {}

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
                for (int k = 0; k < steps.length; k++) {
                    code.aload(cpu).loadConstant(k).putfield(CD_CPU, "blockIndex", ConstantDescs.CD_int);
                    code.aload(state).dup().getfield(CD_STATE, "rip", ConstantDescs.CD_long)
                            .loadConstant((long) block.instructions[k].length).ladd()
                            .putfield(CD_STATE, "rip", ConstantDescs.CD_long);
                    code.loadConstant(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT,
                                    ConstantDescs.DEFAULT_NAME, CD_STEP, k))
                            .aload(cpu).invokeinterface(CD_STEP, "run", STEP_RUN);
                    if (k == steps.length - 1) break;
                    int done = k + 1;
                    code.aload(cpu).getfield(CD_CPU, "codeWritten", ConstantDescs.CD_boolean)
                            .ifThen(then -> then.loadConstant(done).ireturn());
                }
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
