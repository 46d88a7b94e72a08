package dev.jkvm.tcg;

/** The interrupt controller as the CPU sees it (INTR line plus the acknowledge cycle). */
public interface InterruptSource {
    /** True while a maskable external interrupt is pending. Called at instruction boundaries. */
    boolean hasPendingInterrupt();

    /** Accepts the highest-priority pending interrupt and returns its vector. */
    int acknowledgeInterrupt();
}
