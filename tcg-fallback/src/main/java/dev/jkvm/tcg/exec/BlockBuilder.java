package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.decode.Decoder;
import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.decode.Op;
import dev.jkvm.tcg.mem.LinearMemory;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuMode;

import java.util.ArrayList;
import java.util.List;

/** Decodes a basic block at a linear address through the code-fetch path of the memory seam. */
final class BlockBuilder {
    static final int MAX_INSTRUCTIONS = 64;

    private BlockBuilder() {}

    static BasicBlock build(LinearMemory memory, long linear, long physical, CpuMode mode) {
        List<Insn> insns = new ArrayList<>();
        PhysicalMemory ram = memory.physical();
        long page = physical >>> PhysicalMemory.PAGE_SHIFT;
        int generation = ram.markCodePage(page); // before reading the bytes: a racing write makes the block stale
        long secondPage = -1;
        int secondGeneration = 0;
        long pc = linear;
        while (insns.size() < MAX_INSTRUCTIONS) {
            long start = pc;
            Insn insn;
            try {
                insn = Decoder.decode(offset -> memory.fetchByte(start + offset), mode);
            } catch (CpuException e) {
                if (insns.isEmpty()) throw e; // the first instruction's fetch fault is real
                break;                       // a lookahead fault just ends the block
            }
            insns.add(insn);
            pc += insn.length;
            long lastByte = pc - 1;
            if ((lastByte >>> PhysicalMemory.PAGE_SHIFT) != (start >>> PhysicalMemory.PAGE_SHIFT)) {
                secondPage = memory.translate(lastByte, Mmu.EXECUTE) >>> PhysicalMemory.PAGE_SHIFT;
                secondGeneration = ram.markCodePage(secondPage);
                break;
            }
            if (endsBlock(insn) || (pc & (PhysicalMemory.PAGE_SIZE - 1)) == 0) break;
        }
        long[] pages = secondPage >= 0 ? new long[] {page, secondPage} : new long[] {page};
        int[] generations = secondPage >= 0 ? new int[] {generation, secondGeneration} : new int[] {generation};
        long secondPageOffset = secondPage >= 0 ? PhysicalMemory.PAGE_SIZE - (linear & (PhysicalMemory.PAGE_SIZE - 1)) : 0;
        return new BasicBlock(physical, mode, insns.toArray(new Insn[0]), pages, generations, ram, secondPageOffset);
    }

    /**
     * Control transfers end a block, and so do instructions after which the run loop must look
     * again: interrupt-flag changes, HLT, I/O (a device may raise an interrupt), and REP strings
     * (they resume themselves by leaving RIP unchanged).
     */
    static boolean endsBlock(Insn insn) {
        return switch (insn.op) {
            case JCC, JMP_RELATIVE, JMP_ABSOLUTE, CALL_RELATIVE, CALL_ABSOLUTE, RET, LOOP, JRCXZ,
                 HLT, SOFTWARE_INTERRUPT, UNDEFINED, POPF, FLAG_CONTROL, IN, OUT, INS, OUTS, SYSTEM -> true;
            case MOVS, CMPS, STOS, LODS, SCAS -> (insn.prefixes & (Insn.REP | Insn.REPNE)) != 0;
            default -> false;
        };
    }
}
