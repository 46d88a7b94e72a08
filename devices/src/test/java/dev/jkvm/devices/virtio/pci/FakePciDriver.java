package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.RecordingIrqLine;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.pci.BarMapper;
import dev.jkvm.devices.pci.IntxRouting;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.pci.PciHost;
import dev.jkvm.devices.virtio.DeviceStatus;
import dev.jkvm.devices.virtio.RingDriver;
import dev.jkvm.devices.virtio.VirtioDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest's view of a virtio-pci function, doing what Linux's virtio_pci_modern does: it plugs the
 * device into a PCI host at slot 3, programs the BARs through configuration cycles, finds the
 * capabilities, and runs the init sequence through the registers (reset, ACKNOWLEDGE, DRIVER,
 * features, FEATURES_OK, MSI-X vectors, queues, DRIVER_OK).
 */
public final class FakePciDriver {
    public static final int SLOT = 3;
    public static final long MSIX_BAR_ADDRESS = 0xfebf0000L;
    public static final long MODERN_BAR_ADDRESS = 0x8_0000_0000L;
    public static final long MSI_ADDRESS = 0xfee00000L;
    public static final int MSI_DATA_BASE = 0x40;
    public static final int QUEUE_AREA = 0x100000;
    public static final int QUEUE_AREA_STRIDE = 0x80000;

    /** Offsets in struct virtio_pci_common_cfg. */
    public static final int DFSELECT = 0x00, DF = 0x04, GFSELECT = 0x08, GF = 0x0c, MSIX_CONFIG = 0x10, NUM_QUEUES = 0x12,
            STATUS = 0x14, GENERATION = 0x15, Q_SELECT = 0x16, Q_SIZE = 0x18, Q_MSIX = 0x1a, Q_ENABLE = 0x1c, Q_NOTIFY_OFF = 0x1e,
            Q_DESC = 0x20, Q_DRIVER = 0x28, Q_DEVICE = 0x30;

    private final GuestMemory memory;
    private final VirtioPciDevice device;
    private final RecordingMsiSink msi = new RecordingMsiSink();
    private final Map<Integer, RecordingIrqLine> gsis = new TreeMap<>();
    private final Map<Long, PciBar> mapped = new TreeMap<>();
    private final PciHost host;
    private final Map<Integer, Integer> capabilities = new TreeMap<>();
    private int msixCapability;
    private int notifyMultiplier;
    private final List<RingDriver> rings = new ArrayList<>();

    public FakePciDriver(GuestMemory memory, VirtioDevice virtioDevice) {
        this.memory = memory;
        this.device = new VirtioPciDevice("virtio-test", virtioDevice, memory, msi);
        this.host = new PciHost(IntxRouting.pirqLinks(10, 11, 12, 13), gsi -> gsis.computeIfAbsent(gsi, g -> new RecordingIrqLine()),
                new BarMapper() {
                    @Override
                    public void map(PciDevice d, PciBar bar, long address) {
                        mapped.put(address, bar);
                    }

                    @Override
                    public void unmap(PciDevice d, PciBar bar, long address) {
                        mapped.remove(address);
                    }
                });
        host.attach(SLOT, 0, device);
        setConfig(0x10 + 4 * VirtioPciDevice.MSIX_BAR, 4, MSIX_BAR_ADDRESS);
        setConfig(0x10 + 4 * VirtioPciDevice.MODERN_BAR, 4, MODERN_BAR_ADDRESS);
        setConfig(0x14 + 4 * VirtioPciDevice.MODERN_BAR, 4, MODERN_BAR_ADDRESS >>> 32);
        setConfig(PciDevice.COMMAND, 2, PciDevice.COMMAND_MEMORY | PciDevice.COMMAND_BUS_MASTER);
        findCapabilities();
    }

    public VirtioPciDevice device() {
        return device;
    }

    public RecordingMsiSink msi() {
        return msi;
    }

    /** The GSI line INTA# of slot 3 is routed to. */
    public RecordingIrqLine intx() {
        return gsis.get(IntxRouting.pirqLinks(10, 11, 12, 13).gsi(SLOT, 1));
    }

    public RingDriver ring(int queue) {
        return rings.get(queue);
    }

    // Configuration cycles through 0xcf8/0xcfc.

    public long config(int register, int size) {
        host.write(0, 4, 0x80000000L | SLOT << 11 | register & 0xfc);
        return host.read(4 + (register & 3), size);
    }

    public void setConfig(int register, int size, long value) {
        host.write(0, 4, 0x80000000L | SLOT << 11 | register & 0xfc);
        host.write(4 + (register & 3), size, value);
    }

    private void findCapabilities() {
        for (int at = (int) config(PciDevice.CAPABILITIES_POINTER, 1); at != 0; at = (int) config(at + 1, 1)) {
            int id = (int) config(at, 1);
            if (id == 0x11) msixCapability = at;
            if (id != 0x09) continue;
            int type = (int) config(at + 3, 1);
            capabilities.putIfAbsent(type, at);
            if (type == 2) notifyMultiplier = (int) config(at + 16, 4);
        }
    }

    /** Configuration space offset of the first vendor capability of a cfg_type. */
    public int capability(int type) {
        return capabilities.get(type);
    }

    public int msixCapability() {
        return msixCapability;
    }

    /** Where a structure lives: the BAR's address plus the capability's offset. */
    public long structureAddress(int type) {
        int cap = capability(type);
        int bar = (int) config(cap + 4, 1);
        long low = config(0x10 + 4 * bar, 4) & ~0xfL;
        long base = bar == VirtioPciDevice.MODERN_BAR ? low | config(0x14 + 4 * bar, 4) << 32 : low;
        return base + config(cap + 8, 4);
    }

    // MMIO to the BARs.

    private BusDevice decode(long address, long[] offset) {
        for (Map.Entry<Long, PciBar> e : mapped.entrySet()) {
            long within = address - e.getKey();
            if (within >= 0 && within < e.getValue().size()) {
                offset[0] = within;
                return e.getValue().handler();
            }
        }
        throw new AssertionError(String.format("nothing decodes %#x", address));
    }

    public long mmioRead(long address, int size) {
        long[] offset = new long[1];
        return decode(address, offset).read(offset[0], size);
    }

    public void mmioWrite(long address, int size, long value) {
        long[] offset = new long[1];
        decode(address, offset).write(offset[0], size, value);
    }

    public long common(int offset, int size) {
        return mmioRead(structureAddress(1) + offset, size);
    }

    public void setCommon(int offset, int size, long value) {
        mmioWrite(structureAddress(1) + offset, size, value);
    }

    public int status() {
        return (int) common(STATUS, 1);
    }

    public void setStatus(int status) {
        setCommon(STATUS, 1, status);
    }

    public long deviceConfig(int offset, int size) {
        return mmioRead(structureAddress(4) + offset, size);
    }

    public int readIsr() {
        return (int) mmioRead(structureAddress(3), 1);
    }

    /** What vp_notify does: a 16-bit write of the queue index at the queue's notification address. */
    public void notify(int queue) {
        setCommon(Q_SELECT, 2, queue);
        long address = structureAddress(2) + common(Q_NOTIFY_OFF, 2) * notifyMultiplier;
        assertEquals(device.notifyAddress(queue), address);
        mmioWrite(address, 2, queue);
    }

    public long deviceFeatures() {
        setCommon(DFSELECT, 4, 0);
        long low = common(DF, 4);
        setCommon(DFSELECT, 4, 1);
        return low | common(DF, 4) << 32;
    }

    public void writeDriverFeatures(long features) {
        setCommon(GFSELECT, 4, 0);
        setCommon(GF, 4, features & 0xffffffffL);
        setCommon(GFSELECT, 4, 1);
        setCommon(GF, 4, features >>> 32);
    }

    /** Resets the device and waits for the status to read 0, as vp_reset does. */
    public void reset() {
        setStatus(0);
        assertEquals(0, status());
    }

    /**
     * The whole probe: negotiates {@code wanted} & offered features, and sets up every queue with
     * {@code queueSize} entries (0 = the device's maximum) and, with MSI-X, a vector per queue after
     * the configuration vector 0.
     *
     * @return the negotiated features
     */
    public long initialize(long wanted, boolean useMsix, int queueSize) {
        reset();
        setStatus(DeviceStatus.ACKNOWLEDGE);
        setStatus(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER);
        long features = deviceFeatures() & wanted;
        writeDriverFeatures(features);
        setStatus(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER | DeviceStatus.FEATURES_OK);
        assertTrue((status() & DeviceStatus.FEATURES_OK) != 0, "device refused the features");
        if (useMsix) enableMsix();
        rings.clear();
        int queues = (int) common(NUM_QUEUES, 2);
        for (int q = 0; q < queues; q++) rings.add(setUpQueue(q, queueSize, useMsix));
        setStatus(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER | DeviceStatus.FEATURES_OK | DeviceStatus.DRIVER_OK);
        assertEquals(DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER | DeviceStatus.FEATURES_OK | DeviceStatus.DRIVER_OK, status());
        return features;
    }

    /** Table entries with address and data, unmasked, then MSI-X enabled; vector 0 for configuration changes. */
    public void enableMsix() {
        int vectors = (int) (config(msixCapability + 2, 2) & 0x7ff) + 1;
        long table = MSIX_BAR_ADDRESS + (config(msixCapability + 4, 4) & ~7L);
        for (int v = 0; v < vectors; v++) {
            mmioWrite(table + 16L * v, 4, MSI_ADDRESS);
            mmioWrite(table + 16L * v + 4, 4, 0);
            mmioWrite(table + 16L * v + 8, 4, MSI_DATA_BASE + v);
            mmioWrite(table + 16L * v + 12, 4, 0);
        }
        setConfig(msixCapability + 2, 2, 0x8000);
        setCommon(MSIX_CONFIG, 2, 0);
        assertEquals(0, common(MSIX_CONFIG, 2));
    }

    private RingDriver setUpQueue(int q, int queueSize, boolean useMsix) {
        setCommon(Q_SELECT, 2, q);
        int max = (int) common(Q_SIZE, 2);
        assertNotEquals(0, max);
        int size = queueSize == 0 ? max : queueSize;
        setCommon(Q_SIZE, 2, size);
        RingDriver ring = new RingDriver(memory, QUEUE_AREA + (long) QUEUE_AREA_STRIDE * q, size, QUEUE_AREA_STRIDE / 2);
        setCommon(Q_DESC, 8, ring.descriptorTable());
        setCommon(Q_DRIVER, 4, ring.availRing());
        setCommon(Q_DRIVER + 4, 4, 0);
        setCommon(Q_DEVICE, 4, ring.usedRing());
        setCommon(Q_DEVICE + 4, 4, 0);
        if (useMsix) {
            setCommon(Q_MSIX, 2, q + 1);
            assertEquals(q + 1, common(Q_MSIX, 2));
        }
        setCommon(Q_ENABLE, 2, 1);
        return ring;
    }

    /** The message {@link #enableMsix} programmed for a vector. */
    public static RecordingMsiSink.Message message(int vector) {
        return new RecordingMsiSink.Message(MSI_ADDRESS, MSI_DATA_BASE + vector);
    }
}
