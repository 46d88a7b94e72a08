package dev.jkvm.accel.kvm;

import dev.jkvm.accel.DeviceFastPaths;
import dev.jkvm.config.FastPaths;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.Direction;
import dev.jkvm.kvm.CoalescedMmioRing;
import dev.jkvm.kvm.EventFd;
import dev.jkvm.kvm.GsiRoute;
import dev.jkvm.kvm.IoEventTrigger;
import dev.jkvm.kvm.KvmException;
import dev.jkvm.kvm.VmFd;
import dev.jkvm.machine.Machine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * KVM's device fast paths for one VM, as --fast-paths allows them: ioeventfd notifications served by a
 * per-device I/O thread, coalesced-MMIO zones with their ring replayed in order, and the irqfd plumbing
 * (MSI routes per MSI-X vector, resampled INTx lines) behind {@link KvmInterruptRouter}.
 */
final class KvmFastPaths implements DeviceFastPaths, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KvmFastPaths.class);
    /** Replays the ring this often while zones exist, so a write no exit follows still reaches its device. */
    private static final long IDLE_DRAIN_MILLIS = 10;

    private final VmFd vm;
    private final Machine machine;
    private final FastPaths enabled;
    private final Map<String, DeviceIoThread> threads = new LinkedHashMap<>();
    private final CoalescedMmioDrain drain;
    private final MsiRouteTable msiRoutes;
    private Thread idleDrain;
    private volatile boolean closed;

    KvmFastPaths(VmFd vm, Machine machine) {
        this.vm = vm;
        this.machine = machine;
        this.enabled = machine.fastPaths();
        this.drain = new CoalescedMmioDrain(this::replay);
        this.msiRoutes = new MsiRouteTable(new MsiRouteTable.Kernel() {
            @Override
            public void setGsiRouting(List<GsiRoute> routes) {
                vm.setGsiRouting(routes);
            }

            @Override
            public MsiRouteTable.Trigger irqfd(int gsi) {
                EventFd fd = EventFd.create();
                vm.assignIrqfd(fd, gsi);
                return new MsiRouteTable.Trigger() {
                    @Override
                    public void signal() {
                        fd.signal();
                    }

                    @Override
                    public void close() {
                        try {
                            vm.deassignIrqfd(fd, gsi);
                        } catch (RuntimeException e) {
                            log.debug("deassigning the irqfd of GSI {}: {}", gsi, e.getMessage());
                        }
                        fd.close();
                    }
                };
            }

            @Override
            public void signalMsi(long address, int data) {
                vm.signalMsi(address, data);
            }
        });
    }

    @Override
    public FastPaths enabled() {
        return enabled;
    }

    MsiRouteTable msiRoutes() {
        return msiRoutes;
    }

    /** The I/O thread named {@code name}, started on first use. */
    synchronized DeviceIoThread thread(String name) {
        if (closed) throw new IllegalStateException("the VM's fast paths are closed");
        return threads.computeIfAbsent(name, DeviceIoThread::new);
    }

    @Override
    public Registration watchWrites(String ioThread, boolean pio, long address, int length, LongConsumer handler) {
        if (!enabled.ioeventfd()) return null;
        EventFd fd = EventFd.create();
        IoEventTrigger trigger = IoEventTrigger.anyValue(pio ? IoEventTrigger.Space.PIO : IoEventTrigger.Space.MMIO, address, length);
        try {
            vm.assignIoeventfd(fd, trigger);
        } catch (KvmException e) {
            log.warn("ioeventfd at {} {}: {}; the writes exit to user space", pio ? "port" : "address", Long.toHexString(address), e.getMessage());
            fd.close();
            return null;
        }
        DeviceIoThread thread = thread(ioThread);
        thread.add(fd, handler);
        log.debug("ioeventfd: {} bytes at {} -> I/O thread {}", length, Long.toHexString(address), ioThread);
        return () -> {
            try {
                vm.deassignIoeventfd(fd, trigger);
            } catch (RuntimeException e) {
                log.debug("deassigning the ioeventfd at {}: {}", Long.toHexString(address), e.getMessage());
            }
            thread.remove(fd);
        };
    }

    @Override
    public Registration coalesceWrites(long address, long length) {
        if (!enabled.coalescedMmio()) return null;
        try {
            vm.registerCoalescedMmio(address, (int) length);
        } catch (KvmException e) {
            log.warn("coalesced MMIO at {}: {}; the writes exit to user space", Long.toHexString(address), e.getMessage());
            return null;
        }
        drain.setActive(true);
        startIdleDrain();
        return () -> {
            drain.drain();
            try {
                vm.unregisterCoalescedMmio(address, (int) length);
            } catch (RuntimeException e) {
                log.debug("unregistering coalesced MMIO at {}: {}", Long.toHexString(address), e.getMessage());
            }
        };
    }

    @Override
    public void syncPendingWrites() {
        drain.drain();
    }

    /** The ring lives in every vCPU's mapping; the first vCPU's serves. */
    void attachRing(CoalescedMmioRing ring) {
        drain.attach(ring::drain);
    }

    /** The VM stopped: the vCPUs and their mappings of the ring go away, so nothing drains it any more. */
    void stopDraining() {
        drain.setActive(false);
    }

    /** vCPU threads: before handling an MMIO or port I/O exit. */
    void beforeExit() {
        drain.drain();
    }

    /** A buffered write to its device, past the bus's exit counts and counted as handled in the kernel. */
    private void replay(CoalescedMmioRing.Write w) {
        Bus bus = w.pio() ? machine.pio() : machine.mmio();
        Bus.Window window = bus.find(w.address());
        if (window == null) {
            bus.write(w.address(), w.length(), w.value());
            return;
        }
        long offset = w.address() - window.base();
        window.device().write(offset, w.length(), w.value());
        machine.handledInKernel(window.name() + "-coalesced", bus.kind(), window.base())
                .record(offset, Direction.WRITE, w.length(), 0);
    }

    private synchronized void startIdleDrain() {
        if (idleDrain != null || closed) return;
        idleDrain = Thread.ofPlatform().name("coalesced-mmio").daemon().start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(IDLE_DRAIN_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    drain.drain();
                } catch (RuntimeException e) {
                    log.warn("replaying coalesced MMIO: {}", e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        List<DeviceIoThread> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(threads.values());
            threads.clear();
        }
        if (idleDrain != null) idleDrain.interrupt();
        for (DeviceIoThread t : all) t.close();
        msiRoutes.close();
    }
}
