package dev.jkvm.machine;

import dev.jkvm.accel.DeviceFastPaths;
import dev.jkvm.boot.PcLayout;
import dev.jkvm.config.FastPaths;
import dev.jkvm.devices.bus.AccessCounter;
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
    private final java.util.Map<String, HandledInKernel> handledInKernel = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile FastPaths fastPaths = FastPaths.ALL;
    private volatile DeviceFastPaths deviceFastPaths = DeviceFastPaths.direct(FastPaths.ALL);

    /**
     * Device accesses an accelerator handled without an exit and without the bus (ioeventfd notifications,
     * coalesced MMIO writes), counted per register like a bus window's; offsets are relative to {@code base}.
     */
    public record HandledInKernel(String name, Bus.Kind bus, long base, AccessCounter counter) {}

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

    /** The fast paths asked for (--fast-paths); set before the accelerator creates the VM. */
    public FastPaths fastPaths() {
        return fastPaths;
    }

    public void setFastPaths(FastPaths paths) {
        this.fastPaths = java.util.Objects.requireNonNull(paths, "paths");
        if (deviceFastPaths.enabled() != paths) this.deviceFastPaths = DeviceFastPaths.direct(paths);
    }

    /** What the accelerator offers devices (ioeventfd, coalesced MMIO); direct processing until it says. */
    public DeviceFastPaths deviceFastPaths() {
        return deviceFastPaths;
    }

    public void setDeviceFastPaths(DeviceFastPaths paths) {
        this.deviceFastPaths = java.util.Objects.requireNonNull(paths, "paths");
    }

    /** The counter of in-kernel handled accesses named {@code name} (made on first use). */
    public AccessCounter handledInKernel(String name, Bus.Kind bus, long base) {
        return handledInKernel.computeIfAbsent(name + "@" + Long.toHexString(base),
                k -> new HandledInKernel(name, bus, base, new AccessCounter())).counter();
    }

    public java.util.List<HandledInKernel> handledInKernel() {
        return java.util.List.copyOf(handledInKernel.values());
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
