package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.pci.MsixCapability;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.virtio.VirtioControl;
import dev.jkvm.devices.virtio.VirtioDevice;

/**
 * A virtio device on PCI, modern interface only (virtio 1.2, 4.1): vendor 0x1af4, device
 * 0x1040 + the virtio device ID, revision 1, subsystem 0x1af4 / the device ID, INTA#.
 *
 * <ul>
 *   <li>BAR1, 32-bit memory: the MSI-X table (a vector per queue plus one for configuration
 *       changes) and PBA.
 *   <li>BAR4, 64-bit memory, 16 KiB ({@link ModernBar}): common configuration at 0x0000, ISR status
 *       at 0x1000, device configuration at 0x2000, queue notifications at 0x3000 + 4 * queue.
 *   <li>Vendor capabilities pointing there, and the PCI configuration access capability, which
 *       reaches any BAR through configuration cycles.
 * </ul>
 *
 * <p>A notification write processes the queue on the writing thread. The machine may instead
 * watch {@link #notifyAddress} (an ioeventfd, 2-byte writes, no data match) and call
 * {@link #processQueue} from an I/O thread.
 */
public final class VirtioPciDevice extends PciDevice {
    public static final int VENDOR_ID = 0x1af4;
    public static final int DEVICE_ID_BASE = 0x1040;
    public static final int REVISION = 1;
    public static final int MSIX_BAR = 1;
    public static final int MODERN_BAR = 4;

    private static final int VENDOR_CAPABILITY = 0x09;
    private static final int COMMON_CFG = 1, NOTIFY_CFG = 2, ISR_CFG = 3, DEVICE_CFG = 4, PCI_CFG = 5;
    /** struct virtio_pci_cap: vndr, next, len, cfg_type, bar, id, padding[2], offset, length. */
    private static final int CAP_LENGTH = 16, CAP_TYPE = 3, CAP_BAR = 4, CAP_OFFSET = 8, CAP_LEN = 12;
    private static final int NOTIFY_CAP_LENGTH = 20, NOTIFY_MULTIPLIER = 16;
    private static final int PCI_CFG_CAP_LENGTH = 20, PCI_CFG_DATA = 16;

    private final VirtioControl control;
    private final MsixCapability msix;
    private final VirtioPciInterrupts interrupts;
    private final int pciCfgCapability;

    public VirtioPciDevice(String name, VirtioDevice device, GuestMemory memory, MsiSink msiSink) {
        super(name, VENDOR_ID, DEVICE_ID_BASE + device.deviceType(), classCode(device.deviceType()), REVISION);
        setSubsystem(VENDOR_ID, device.deviceType());
        setInterruptPin(1);
        msix = MsixCapability.addTo(this, MSIX_BAR, device.queueCount() + 1, msiSink);
        interrupts = new VirtioPciInterrupts(this, msix, device.queueCount());
        control = new VirtioControl(device, memory, interrupts);
        addBar(MODERN_BAR, PciBar.Kind.MEMORY64, ModernBar.SIZE, false,
                new ModernBar(new CommonConfig(control, interrupts), interrupts, control));
        addVirtioCapability(COMMON_CFG, CAP_LENGTH, MODERN_BAR, ModernBar.COMMON_OFFSET, CommonConfig.LENGTH);
        int notify = addVirtioCapability(NOTIFY_CFG, NOTIFY_CAP_LENGTH, MODERN_BAR, ModernBar.NOTIFY_OFFSET,
                ModernBar.NOTIFY_OFF_MULTIPLIER * device.queueCount());
        config.set(notify + NOTIFY_MULTIPLIER, 4, ModernBar.NOTIFY_OFF_MULTIPLIER);
        addVirtioCapability(ISR_CFG, CAP_LENGTH, MODERN_BAR, ModernBar.ISR_OFFSET, 1);
        if (control.configSize() > 0) {
            addVirtioCapability(DEVICE_CFG, CAP_LENGTH, MODERN_BAR, ModernBar.DEVICE_OFFSET, control.configSize());
        }
        pciCfgCapability = addVirtioCapability(PCI_CFG, PCI_CFG_CAP_LENGTH, 0, 0, 0);
        config.setWritable(pciCfgCapability + CAP_BAR, 1, 0xff);
        config.setWritable(pciCfgCapability + CAP_OFFSET, 4, 0xffffffffL);
        config.setWritable(pciCfgCapability + CAP_LEN, 4, 0xffffffffL);
        config.setWritable(pciCfgCapability + PCI_CFG_DATA, 4, 0xffffffffL);
    }

    /** PCI class by virtio device type: the driver matches on IDs, this is for lspci and firmware. */
    private static int classCode(int deviceType) {
        return switch (deviceType) {
            case 1 -> 0x020000; // Ethernet controller
            case 2 -> 0x018000; // other mass storage controller
            default -> 0xff0000;
        };
    }

    private int addVirtioCapability(int type, int length, int bar, int offset, int regionLength) {
        int at = addCapability(VENDOR_CAPABILITY, length);
        config.set(at + 2, 1, length);
        config.set(at + CAP_TYPE, 1, type);
        config.set(at + CAP_BAR, 1, bar);
        config.set(at + CAP_OFFSET, 4, offset);
        config.set(at + CAP_LEN, 4, regionLength);
        return at;
    }

    public int queueCount() {
        return control.queueCount();
    }

    /** Runs the queue's pending work on the calling thread; safe from any thread, a no-op before DRIVER_OK. */
    public void processQueue(int queue) {
        control.processQueue(queue);
    }

    /** The guest physical address whose write notifies the queue, or -1 while BAR4 is not decoded. */
    public long notifyAddress(int queue) {
        long bar = mappedAddress(MODERN_BAR);
        return bar < 0 ? -1 : bar + ModernBar.notifyOffset(queue);
    }

    @Override
    public long configRead(int offset, int size) {
        if (touchesPciCfgData(offset, size)) {
            // The access to the BAR takes the transport's locks, which come before this function's.
            BarWindow window = pciCfgWindow();
            if (window != null) {
                long value = window.bar().handler().read(window.offset(), window.length());
                synchronized (this) {
                    config.set(pciCfgCapability + PCI_CFG_DATA, window.length(), value);
                }
            }
        }
        return super.configRead(offset, size);
    }

    @Override
    public void configWrite(int offset, int size, long value) {
        synchronized (this) {
            super.configWrite(offset, size, value);
            msix.configWritten(offset, size);
            interrupts.updateIntx();
        }
        if (touchesPciCfgData(offset, size)) {
            BarWindow window = pciCfgWindow();
            if (window != null) {
                long data = super.configRead(pciCfgCapability + PCI_CFG_DATA, window.length());
                window.bar().handler().write(window.offset(), window.length(), data);
            }
        }
    }

    private boolean touchesPciCfgData(int offset, int size) {
        int data = pciCfgCapability + PCI_CFG_DATA;
        return offset < data + 4 && data < offset + size;
    }

    private record BarWindow(PciBar bar, long offset, int length) {}

    /** What the PCI configuration access capability selects: a BAR, an aligned offset in it and 1, 2 or 4 bytes. */
    private synchronized BarWindow pciCfgWindow() {
        int barIndex = (int) config.read(pciCfgCapability + CAP_BAR, 1);
        long offset = config.read(pciCfgCapability + CAP_OFFSET, 4);
        int length = (int) config.read(pciCfgCapability + CAP_LEN, 4);
        if (length != 1 && length != 2 && length != 4 || offset % length != 0) return null;
        for (PciBar bar : bars()) {
            if (bar.index() == barIndex && offset + length <= bar.size()) return new BarWindow(bar, offset, length);
        }
        return null;
    }
}
