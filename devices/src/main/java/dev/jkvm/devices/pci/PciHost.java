package dev.jkvm.devices.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The PCI host bridge's configuration mechanism #1 for bus 0, registered as one window at 0xcf8-0xcff:
 * CONFIG_ADDRESS at 0xcf8 (dword accesses only: enable bit 31, bus, device, function, register) and
 * CONFIG_DATA at 0xcfc-0xcff (byte, word or dword at the matching offset of the addressed dword).
 * Functions absent, other buses, and accesses with the enable bit clear read all ones; their writes
 * are dropped. Narrow accesses to 0xcf8-0xcfb belong to other chipset registers (the 0xcf9 reset
 * control register is not implemented): they read all ones and writes are dropped.
 *
 * <p>Device 00.0 is the host bridge itself, an i440FX (8086:1237). INTx pins are routed by
 * {@link IntxRouting}; pins routed to the same GSI share its line, which is asserted while any is.
 */
public final class PciHost implements BusDevice {
    private static final int CONFIG_ADDRESS = 0, CONFIG_DATA = 4;
    private static final int ENABLE = 0x80000000;
    private static final int ADDRESS_WRITABLE = 0x80fffffc;
    private static final int SLOTS = 32, FUNCTIONS = 8;
    private static final int NO_INTERRUPT_LINE = 0xff;

    private final IntxRouting routing;
    private final IntFunction<IrqLine> gsiLines;
    private final BarMapper mapper;
    private final PciDevice[] functions = new PciDevice[SLOTS * FUNCTIONS];
    private final Map<Integer, SharedIrqLine> sharedLines = new HashMap<>();
    private final PciDevice hostBridge = new PciDevice("i440fx-host-bridge", 0x8086, 0x1237, 0x060000, 0x02);
    private int address;

    /**
     * @param gsiLines the interrupt controller input for a GSI
     * @param mapper   places BAR windows on the machine's buses
     */
    public PciHost(IntxRouting routing, IntFunction<IrqLine> gsiLines, BarMapper mapper) {
        this.routing = Objects.requireNonNull(routing, "routing");
        this.gsiLines = Objects.requireNonNull(gsiLines, "gsiLines");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        attach(0, 0, hostBridge);
    }

    public PciDevice hostBridge() {
        return hostBridge;
    }

    /** Plugs a function into bus 0, wiring its INTx pin and BAR mapping. */
    public synchronized void attach(int slot, int function, PciDevice device) {
        Objects.checkIndex(slot, SLOTS);
        Objects.checkIndex(function, FUNCTIONS);
        int devfn = slot * FUNCTIONS + function;
        if (functions[devfn] != null) {
            throw new IllegalArgumentException(String.format("PCI %02x.%d is taken by %s", slot, function, functions[devfn].name()));
        }
        int pin = device.interruptPin();
        if (pin == 0) {
            device.connect(mapper, IrqLine.DISCONNECTED, NO_INTERRUPT_LINE);
        } else {
            int gsi = routing.gsi(slot, pin);
            SharedIrqLine line = sharedLines.computeIfAbsent(gsi, g -> new SharedIrqLine(gsiLines.apply(g)));
            device.connect(mapper, line.newInput(), Math.min(gsi, NO_INTERRUPT_LINE));
        }
        functions[devfn] = device;
        markMultifunction(slot);
    }

    /** Linux scans functions 1-7 only when function 0's header says the device is multi-function. */
    private void markMultifunction(int slot) {
        PciDevice first = functions[slot * FUNCTIONS];
        if (first == null) return;
        for (int function = 1; function < FUNCTIONS; function++) {
            if (functions[slot * FUNCTIONS + function] != null) {
                first.markMultifunction();
                return;
            }
        }
    }

    public synchronized PciDevice function(int slot, int function) {
        return functions[Objects.checkIndex(slot, SLOTS) * FUNCTIONS + Objects.checkIndex(function, FUNCTIONS)];
    }

    @Override
    public long read(long offset, int size) {
        if (offset == CONFIG_ADDRESS && size == 4) {
            synchronized (this) {
                return address & 0xffffffffL;
            }
        }
        if (offset < CONFIG_DATA) return allOnes(size);
        int lane = (int) offset - CONFIG_DATA;
        int width = Math.min(size, 4 - lane);
        Target target = target(lane);
        return target == null ? allOnes(size) : target.device.configRead(target.register, width);
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset == CONFIG_ADDRESS && size == 4) {
            synchronized (this) {
                address = (int) value & ADDRESS_WRITABLE;
            }
            return;
        }
        if (offset < CONFIG_DATA) return;
        int lane = (int) offset - CONFIG_DATA;
        int width = Math.min(size, 4 - lane);
        Target target = target(lane);
        if (target != null) target.device.configWrite(target.register, width, value);
    }

    private record Target(PciDevice device, int register) {}

    /** The function and register CONFIG_ADDRESS selects for a byte lane of CONFIG_DATA, or null. */
    private synchronized Target target(int lane) {
        if ((address & ENABLE) == 0) return null;
        int bus = (address >>> 16) & 0xff;
        if (bus != 0) return null;
        PciDevice device = functions[(address >>> 8) & 0xff];
        return device == null ? null : new Target(device, (address & 0xfc) + lane);
    }

    private static long allOnes(int size) {
        return size >= 8 ? -1L : (1L << (8 * size)) - 1;
    }
}
