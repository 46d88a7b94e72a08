package dev.jkvm.accel;

import dev.jkvm.boot.BootCpuState;

/** One virtual CPU. {@link #run} is called on the vCPU's own platform thread. */
public interface Vcpu extends AutoCloseable {
    int index();

    /** Sets the registers for the kernel's entry point (boot vCPU only). */
    void setBootState(BootCpuState state);

    /** Runs until the machine stops, dispatching the guest's I/O to the machine's buses. */
    void run();

    /** Makes a running {@link #run} return soon, from any thread. */
    void kick();

    /** Exit counters of this vCPU. */
    VcpuStats stats();

    /**
     * The accelerator's own counters for this vCPU (KVM_GET_STATS_FD: exits, io_exits, ...), an
     * independent check of {@link #stats()}; empty where there are none.
     */
    default java.util.Map<String, Long> acceleratorStats() {
        return java.util.Map.of();
    }

    /** How {@link #stats()} compares, counter by counter, with counters read from {@link #acceleratorStats()}. */
    default java.util.List<CounterCheck> counterChecks(java.util.Map<String, Long> acceleratorStats) {
        return java.util.List.of();
    }

    @Override
    void close();
}
