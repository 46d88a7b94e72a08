package dev.jkvm.machine;

import dev.jkvm.boot.PcLayout;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.memory.GuestMemory;

/**
 * The accelerator-independent PC: guest RAM in the PC layout, the port I/O and MMIO buses every
 * device sits on, and the run state. Both KVM and the software CPU run this same machine.
 */
public final class Machine implements AutoCloseable {
    private final PcLayout layout;
    private final int cpus;
    private final GuestMemory memory;
    private final Bus pio = new Bus(Bus.Kind.PIO);
    private final Bus mmio = new Bus(Bus.Kind.MMIO);
    private final Lifecycle lifecycle = new Lifecycle();
    private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();

    public Machine(long memoryBytes, int cpus) {
        this.layout = new PcLayout(memoryBytes);
        this.cpus = cpus;
        this.memory = GuestMemory.allocate(layout.ramRanges());
    }

    public PcLayout layout() {
        return layout;
    }

    public int cpus() {
        return cpus;
    }

    public GuestMemory memory() {
        return memory;
    }

    public Bus pio() {
        return pio;
    }

    public Bus mmio() {
        return mmio;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Closes a backend (disk image, network) when the machine goes away, newest first. */
    public synchronized void own(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources.reversed()) {
            try {
                r.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Machine.class).warn("closing {}: {}", r, e.getMessage());
            }
        }
        memory.close();
    }
}
