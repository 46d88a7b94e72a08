package dev.jkvm.tcg.exec;

import dev.jkvm.tcg.Cpu;

/** A block's steps compiled into one method (the second tier; see the run loop in {@link Cpu}). */
public interface CompiledBlock {
    /**
     * Runs the block's instructions from the first; returns how many completed, which is fewer than
     * all only when one wrote to a page holding decoded code (the block may be stale).
     */
    int run(Cpu cpu);
}
