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
    STOP_REQUESTED,
    /**
     * A fault while delivering a double fault: the CPU is in shutdown and stays stopped (every
     * further runSlice returns this) until {@link Cpu#reset()} or INIT. The VMM turns it into a
     * machine reset. {@link Cpu#lastException()} is the fault that caused it.
     */
    TRIPLE_FAULT,
    /**
     * An application processor after INIT, waiting for a startup IPI ({@link Cpu#requestStartup}).
     * Like HALTED, nothing runs until another CPU acts; the VMM may park the thread.
     */
    WAITING_FOR_SIPI
}
