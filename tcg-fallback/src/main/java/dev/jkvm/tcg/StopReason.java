package dev.jkvm.tcg;

/** Why {@link Cpu#runSlice} returned. */
public enum StopReason {
    /** The instruction budget is used up. */
    INSTRUCTION_LIMIT,
    /** HLT with no interrupt to wake it: the machine may skip the clock to the next deadline. */
    HALTED,
    /** An exception the {@link EventDelivery} could not deliver; see {@link Cpu#lastException()}. */
    EXCEPTION,
    /** {@link Cpu#requestStop()} was called, e.g. from another thread. */
    STOP_REQUESTED
}
