package dev.jkvm.devices.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PCI function with a type 0 header: identity registers, command/status with their writable and
 * write-one-to-clear bits, BARs that size themselves, a capability list and an INTx pin.
 *
 * <p>A device model adds its BARs and capabilities at construction. To intercept configuration
 * accesses (for example a capability whose writes have side effects), override {@link #configRead}
 * or {@link #configWrite}, keep the override synchronized, and call the super method.
 */
public class PciDevice {
    public static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION_ID = 0x08,
            CLASS_CODE = 0x09, CACHE_LINE_SIZE = 0x0c, LATENCY_TIMER = 0x0d, HEADER_TYPE = 0x0e, BAR0 = 0x10,
            SUBSYSTEM_VENDOR_ID = 0x2c, SUBSYSTEM_ID = 0x2e, CAPABILITIES_POINTER = 0x34, INTERRUPT_LINE = 0x3c,
            INTERRUPT_PIN = 0x3d;

    public static final int COMMAND_IO = 0x0001, COMMAND_MEMORY = 0x0002, COMMAND_BUS_MASTER = 0x0004,
            COMMAND_PARITY_ERROR_RESPONSE = 0x0040, COMMAND_SERR = 0x0100, COMMAND_INTX_DISABLE = 0x0400;
    public static final int STATUS_INTERRUPT = 0x0008, STATUS_CAPABILITIES = 0x0010;
    /** Error bits (master data parity, target/master aborts, SERR, parity) the guest clears by writing 1. */
    private static final int STATUS_ERRORS = 0xf900;

    private static final int HEADER_MULTIFUNCTION = 0x80;
    private static final int FIRST_CAPABILITY = 0x40;
    private static final int BAR_COUNT = 6;

    private final String name;
    protected final PciConfigSpace config = new PciConfigSpace();
    private final PciBar[] bars = new PciBar[BAR_COUNT];
    private final long[] mappedAt = {-1, -1, -1, -1, -1, -1};
    private int lastCapability;
    private int freeCapabilitySpace = FIRST_CAPABILITY;
    private BarMapper mapper = BarMapper.NONE;
    private IrqLine intx = IrqLine.DISCONNECTED;
    private boolean intxAsserted;
    private boolean intxDriven;

    /** @param classCode base class, subclass and programming interface, e.g. 0x060000 for a host bridge */
    public PciDevice(String name, int vendorId, int deviceId, int classCode, int revisionId) {
        this.name = Objects.requireNonNull(name, "name");
        config.set(VENDOR_ID, 2, vendorId);
        config.set(DEVICE_ID, 2, deviceId);
        config.set(REVISION_ID, 1, revisionId);
        config.set(CLASS_CODE, 3, classCode);
        config.setWritable(COMMAND, 2, COMMAND_IO | COMMAND_MEMORY | COMMAND_BUS_MASTER
                | COMMAND_PARITY_ERROR_RESPONSE | COMMAND_SERR | COMMAND_INTX_DISABLE);
        config.setWriteOneToClear(STATUS, 2, STATUS_ERRORS);
        config.setWritable(CACHE_LINE_SIZE, 1, 0xff);
        config.setWritable(LATENCY_TIMER, 1, 0xff);
        config.setWritable(INTERRUPT_LINE, 1, 0xff);
    }

    public final String name() {
        return name;
    }

    public final synchronized void setSubsystem(int vendorId, int subsystemId) {
        config.set(SUBSYSTEM_VENDOR_ID, 2, vendorId);
        config.set(SUBSYSTEM_ID, 2, subsystemId);
    }

    /** @param pin 0 = no interrupt, 1 = INTA# .. 4 = INTD# */
    public final synchronized void setInterruptPin(int pin) {
        if (pin < 0 || pin > 4) throw new IllegalArgumentException("interrupt pin " + pin);
        config.set(INTERRUPT_PIN, 1, pin);
    }

    public final synchronized int interruptPin() {
        return (int) config.read(INTERRUPT_PIN, 1);
    }

    public final synchronized PciBar addBar(int index, PciBar.Kind kind, long size, boolean prefetchable, BusDevice handler) {
        PciBar bar = new PciBar(index, kind, size, prefetchable, handler);
        boolean wide = kind == PciBar.Kind.MEMORY64;
        if (bars[index] != null || (wide && bars[index + 1] != null) || isUpperHalf(index)) {
            throw new IllegalArgumentException(name + ": BAR " + index + " is taken");
        }
        bars[index] = bar;
        int offset = bar.registerOffset();
        config.set(offset, 4, bar.typeBits());
        config.setWritable(offset, 4, bar.addressMask());
        if (wide) config.setWritable(offset + 4, 4, bar.addressMask() >>> 32);
        return bar;
    }

    private boolean isUpperHalf(int index) {
        return index > 0 && bars[index - 1] != null && bars[index - 1].kind() == PciBar.Kind.MEMORY64;
    }

    public final synchronized List<PciBar> bars() {
        List<PciBar> list = new ArrayList<>();
        for (PciBar bar : bars) if (bar != null) list.add(bar);
        return list;
    }

    /** Where the BAR's window decodes now, or -1 if it does not. */
    public final synchronized long mappedAddress(int index) {
        return mappedAt[index];
    }

    /**
     * Appends a capability of {@code length} bytes (including its ID and next-pointer bytes) to the
     * list and returns its offset; the caller fills in its body and sets writable bits.
     */
    public final synchronized int addCapability(int id, int length) {
        if (length < 2) throw new IllegalArgumentException("capability shorter than its header");
        int offset = freeCapabilitySpace;
        if (offset + length > PciConfigSpace.SIZE) throw new IllegalStateException(name + ": configuration space full");
        config.set(offset, 1, id);
        config.set(offset + 1, 1, 0);
        if (lastCapability == 0) {
            config.set(CAPABILITIES_POINTER, 1, offset);
            config.set(STATUS, 2, config.read(STATUS, 2) | STATUS_CAPABILITIES);
        } else {
            config.set(lastCapability + 1, 1, offset);
        }
        lastCapability = offset;
        freeCapabilitySpace = (offset + length + 3) & ~3;
        return offset;
    }

    /**
     * Asserts or deasserts the device's INTx pin. Status shows it either way; the command register's
     * interrupt disable bit keeps it off the line.
     */
    public final synchronized void setIntx(boolean asserted) {
        intxAsserted = asserted;
        long status = config.read(STATUS, 2);
        config.set(STATUS, 2, asserted ? status | STATUS_INTERRUPT : status & ~STATUS_INTERRUPT);
        driveIntx();
    }

    /** A configuration read from the guest; offset and size stay within one dword. */
    public synchronized long configRead(int offset, int size) {
        return config.read(offset, size);
    }

    /** A configuration write from the guest; offset and size stay within one dword. */
    public synchronized void configWrite(int offset, int size, long value) {
        config.write(offset, size, value);
        if (touches(offset, size, COMMAND, 2) || touches(offset, size, BAR0, 4 * BAR_COUNT)) updateBarMappings();
        if (touches(offset, size, COMMAND, 2)) driveIntx();
    }

    private static boolean touches(int offset, int size, int start, int length) {
        return offset < start + length && start < offset + size;
    }

    /** Plugs the function into a bus: where its BARs get mapped and its INTx pin goes. */
    final synchronized void connect(BarMapper barMapper, IrqLine intxLine, int interruptLine) {
        mapper = Objects.requireNonNull(barMapper, "barMapper");
        intx = Objects.requireNonNull(intxLine, "intxLine");
        config.set(INTERRUPT_LINE, 1, interruptLine);
        driveIntx();
    }

    final synchronized void markMultifunction() {
        config.set(HEADER_TYPE, 1, config.read(HEADER_TYPE, 1) | HEADER_MULTIFUNCTION);
    }

    private void driveIntx() {
        boolean level = intxAsserted && (config.read(COMMAND, 2) & COMMAND_INTX_DISABLE) == 0;
        if (level != intxDriven) {
            intxDriven = level;
            intx.set(level);
        }
    }

    private void updateBarMappings() {
        for (PciBar bar : bars) {
            if (bar == null) continue;
            long address = decodedAddress(bar);
            long previous = mappedAt[bar.index()];
            if (address == previous) continue;
            if (previous >= 0) mapper.unmap(this, bar, previous);
            mappedAt[bar.index()] = address;
            if (address >= 0) mapper.map(this, bar, address);
        }
    }

    /**
     * The BAR's address if its decode is on and it is placed: zero means unassigned, and all address
     * bits set is the sizing probe, not a placement. An I/O window must fit below 64 KiB.
     */
    private long decodedAddress(PciBar bar) {
        int decode = bar.kind() == PciBar.Kind.IO ? COMMAND_IO : COMMAND_MEMORY;
        if ((config.read(COMMAND, 2) & decode) == 0) return -1;
        int offset = bar.registerOffset();
        long address = config.read(offset, 4) & bar.addressMask();
        if (bar.kind() == PciBar.Kind.MEMORY64) address |= config.read(offset + 4, 4) << 32 & bar.addressMask();
        if (address == 0 || address == bar.addressMask()) return -1;
        if (bar.kind() == PciBar.Kind.IO && address + bar.size() > 0x10000) return -1;
        return address;
    }
}
