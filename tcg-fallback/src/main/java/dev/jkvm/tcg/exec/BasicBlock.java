package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.decode.Insn;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuMode;

/**
 * Straight-line decoded instructions starting at a physical address, ending at a control transfer,
 * a page boundary or a size cap. The unit the second tier compiles ({@link CompiledBlock}).
 */
public final class BasicBlock {
    public final long physicalAddress;
    public final CpuMode mode;
    public final Insn[] instructions;
    /** How to run each instruction (see {@link Step#of}). */
    public final Step[] steps;
    /** Physical pages the block's bytes came from (one, or two if the last instruction straddles). */
    final long[] pages;
    /** The code generation of each page when it was decoded (see {@link PhysicalMemory#markCodePage}). */
    private final int[] generations;
    private final PhysicalMemory physical;
    /** For a straddling block: offset from the block start to the second page (its linear mapping is rechecked). */
    final long secondPageOffset;
    /** Cleared when the cache replaces or drops the block. */
    boolean valid = true;
    /**
     * The last two blocks run after this one (a branch's two ways), each with the linear address
     * and the {@link BlockCache} stamp (translations, mode, CPL) under which it was looked up.
     */
    private BasicBlock next0, next1;
    private long nextLinear0 = -1, nextLinear1 = -1;
    private long nextStamp0, nextStamp1;
    /** Where {@link BlockCache}'s table of recent blocks last recorded this block: linear address and stamp. */
    long recentLinear = -1, recentStamp;
    /** Runs while not compiled; the run loop compiles the block when this reaches a threshold. */
    public int runs;
    /** The block's second-tier code, or null. */
    public CompiledBlock compiled;

    BasicBlock(long physicalAddress, CpuMode mode, Insn[] instructions, long[] pages, int[] generations,
               PhysicalMemory physical, long secondPageOffset) {
        this.physicalAddress = physicalAddress;
        this.mode = mode;
        this.instructions = instructions;
        this.steps = new Step[instructions.length];
        for (int i = 0; i < instructions.length; i++) steps[i] = Step.of(instructions[i]);
        this.pages = pages;
        this.generations = generations;
        this.physical = physical;
        this.secondPageOffset = secondPageOffset;
    }

    /** The offset of instruction index from the block's first byte. */
    public long offsetOf(int index) {
        long offset = 0;
        for (int i = 0; i < index; i++) offset += instructions[i].length;
        return offset;
    }

    /** A successor linked under the same linear address and either stamp, or null. */
    BasicBlock successor(long linear, long stamp, long otherStamp) {
        if (nextLinear0 == linear && (nextStamp0 == stamp || nextStamp0 == otherStamp)) return next0;
        if (nextLinear1 == linear && (nextStamp1 == stamp || nextStamp1 == otherStamp)) return next1;
        return null;
    }

    /** Remembers next as the block at linear after this one; the older of two links makes room. */
    void link(long linear, long stamp, BasicBlock next) {
        if (nextLinear0 != linear) {
            next1 = next0;
            nextLinear1 = nextLinear0;
            nextStamp1 = nextStamp0;
        }
        next0 = next;
        nextLinear0 = linear;
        nextStamp0 = stamp;
    }

    /** False once any vCPU or device wrote to one of the block's pages after it was decoded. */
    public boolean valid() {
        if (!valid) return false;
        if (physical.codeGeneration(pages[0]) != generations[0]
                || (pages.length > 1 && physical.codeGeneration(pages[1]) != generations[1])) {
            valid = false;
            return false;
        }
        return true;
    }
}
