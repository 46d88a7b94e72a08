package dev.jkvm.machine;

import dev.jkvm.accel.DeviceFastPaths;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.bus.Direction;
import dev.jkvm.devices.bus.ExitKind;
import dev.jkvm.devices.e1000.E1000;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.virtio.pci.VirtioPciDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a device BAR's window on the bus where the guest placed it, with the accelerator's fast paths
 * (--fast-paths) for the registers that have them:
 *
 * <ul>
 *   <li>a virtio-pci function's notification area (BAR4 from 0x3000) becomes a window of its own, marked
 *       in-kernel while ioeventfd is on. Under KVM each queue's notify address is an ioeventfd whose device
 *       I/O thread processes the queue and counts the notifications on that window; the software CPU
 *       writes it directly, on the vCPU thread, and the same label keeps the write out of its exit counts.</li>
 *   <li>the e1000's register BAR: with coalesced MMIO, writes to its registers without an immediate side
 *       effect ({@link E1000#deferrableWriteRanges()}) are buffered by KVM and replayed before the next exit.</li>
 * </ul>
 */
final class FastPathWiring {
    private static final Logger log = LoggerFactory.getLogger(FastPathWiring.class);
    /** Where the notification structures start in a virtio-pci function's BAR4 (ModernBar.NOTIFY_OFFSET). */
    static final long VIRTIO_NOTIFY_OFFSET = 0x3000;
    /** Bytes of a notification write (Linux: iowrite16 of the queue index). */
    static final int VIRTIO_NOTIFY_WIDTH = 2;

    private final Machine machine;

    FastPathWiring(Machine machine) {
        this.machine = machine;
    }

    /** What one mapping of a BAR put in place; {@link #close} takes it all down. */
    static final class Mapping {
        private final Bus bus;
        private final List<Bus.Window> windows = new ArrayList<>();
        private final List<DeviceFastPaths.Registration> registrations = new ArrayList<>();

        Mapping(Bus bus) {
            this.bus = bus;
        }

        List<Bus.Window> windows() {
            return windows;
        }

        void close() {
            for (DeviceFastPaths.Registration r : registrations.reversed()) {
                try {
                    r.close();
                } catch (RuntimeException e) {
                    log.warn("removing a fast path: {}", e.getMessage());
                }
            }
            for (Bus.Window w : windows) bus.unregister(w);
        }
    }

    Mapping map(PciDevice device, PciBar bar, long address) {
        Bus bus = bar.kind() == PciBar.Kind.IO ? machine.pio() : machine.mmio();
        Mapping mapping = new Mapping(bus);
        DeviceFastPaths fast = machine.deviceFastPaths();
        String name = device.name() + "-bar" + bar.index();
        try {
            if (device instanceof VirtioPciDevice virtio && bar.index() == VirtioPciDevice.MODERN_BAR
                    && fast.enabled().ioeventfd() && bar.size() > VIRTIO_NOTIFY_OFFSET) {
                mapVirtioNotify(virtio, bar, address, bus, mapping, fast, name);
            } else {
                mapping.windows.add(bus.register(name, address, bar.size(), bar.handler()));
                if (isE1000(device) && bar.index() == 0
                        && fast.enabled().coalescedMmio()) {
                    for (long[] range : E1000.deferrableWriteRanges()) {
                        DeviceFastPaths.Registration r = fast.coalesceWrites(address + range[0], range[1]);
                        if (r == null) break;
                        mapping.registrations.add(r);
                    }
                }
            }
        } catch (RuntimeException e) {
            mapping.close();
            throw e;
        }
        return mapping;
    }

    private void mapVirtioNotify(VirtioPciDevice device, PciBar bar, long address, Bus bus, Mapping mapping,
                                 DeviceFastPaths fast, String name) {
        BusDevice handler = bar.handler();
        mapping.windows.add(bus.register(name, address, VIRTIO_NOTIFY_OFFSET, handler));
        Bus.Window notify = bus.register(name + "-notify", address + VIRTIO_NOTIFY_OFFSET, bar.size() - VIRTIO_NOTIFY_OFFSET,
                new Offset(handler, VIRTIO_NOTIFY_OFFSET), ExitKind.IN_KERNEL);
        mapping.windows.add(notify);
        for (int q = 0; q < device.queueCount(); q++) {
            int queue = q;
            long at = device.notifyAddress(queue);
            if (at < 0) at = address + VIRTIO_NOTIFY_OFFSET + 4L * queue;
            long offset = at - notify.base();
            DeviceFastPaths.Registration r = fast.watchWrites(device.name(), false, at, VIRTIO_NOTIFY_WIDTH, writes -> {
                for (long i = 0; i < writes; i++) notify.counter().record(offset, Direction.WRITE, VIRTIO_NOTIFY_WIDTH, 0);
                device.processQueue(queue);
            });
            if (r != null) mapping.registrations.add(r);
        }
    }

    private static boolean isE1000(PciDevice device) {
        return device.configRead(PciDevice.VENDOR_ID, 2) == E1000.VENDOR_ID && device.configRead(PciDevice.DEVICE_ID, 2) == E1000.DEVICE_ID;
    }

    /** A part of a BAR as a window of its own: offsets shifted back to the BAR's. */
    private record Offset(BusDevice device, long shift) implements BusDevice {
        @Override
        public long read(long offset, int size) {
            return device.read(offset + shift, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            device.write(offset + shift, size, value);
        }
    }
}
