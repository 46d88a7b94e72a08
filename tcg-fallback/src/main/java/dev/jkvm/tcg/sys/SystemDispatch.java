package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.SysOp;
import dev.jkvm.tcg.state.Flags;

/** Executes {@code Op.SYSTEM} instructions (sub-operation from {@link SysOp}). */
public final class SystemDispatch {
    private SystemDispatch() {}

    public static void execute(Cpu cpu, Insn insn) {
        switch (insn.sub) {
            case SysOp.MOV_TO_SEGMENT -> SegmentInstructions.moveToSegment(cpu, insn);
            case SysOp.PUSH_SEGMENT -> SegmentInstructions.pushSegment(cpu, insn);
            case SysOp.POP_SEGMENT -> SegmentInstructions.popSegment(cpu, insn);
            case SysOp.LOAD_FAR_POINTER -> SegmentInstructions.loadFarPointer(cpu, insn);
            case SysOp.PUSHA -> SegmentInstructions.pushAll(cpu, insn);
            case SysOp.POPA -> SegmentInstructions.popAll(cpu, insn);
            case SysOp.JMP_FAR_IMMEDIATE -> FarTransfers.jumpFar(cpu, (int) insn.src2.value, insn.src.value, insn.size);
            case SysOp.CALL_FAR_IMMEDIATE -> FarTransfers.callFar(cpu, (int) insn.src2.value, insn.src.value, insn.size);
            case SysOp.JMP_FAR_MEMORY -> FarTransfers.jumpFarIndirect(cpu, insn, false);
            case SysOp.CALL_FAR_MEMORY -> FarTransfers.jumpFarIndirect(cpu, insn, true);
            case SysOp.RET_FAR -> FarTransfers.returnFar(cpu, insn.size, insn.src.value);
            case SysOp.IRET -> FarTransfers.interruptReturn(cpu, insn.size);
            case SysOp.SYSCALL -> FarTransfers.syscall(cpu);
            case SysOp.SYSRET -> FarTransfers.sysret(cpu, insn.size);
            case SysOp.INTO -> {
                if (Flags.overflow(cpu.state)) throw CpuException.softwareInterrupt(CpuException.OVERFLOW);
            }
            case SysOp.INT1 -> throw CpuException.softwareInterrupt(CpuException.DEBUG);
            case SysOp.EMMS -> {
                if ((cpu.state.cr0 & ControlBits.CR0_EM) != 0) throw CpuException.undefinedOpcode();
                if ((cpu.state.cr0 & ControlBits.CR0_TS) != 0) throw CpuException.fault(CpuException.DEVICE_NOT_AVAILABLE);
                java.util.Arrays.fill(cpu.state.x87.empty, true);
            }
            default -> SystemInstructions.execute(cpu, insn);
        }
    }
}
