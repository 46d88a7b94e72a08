package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.pci.PciDevice;

import java.util.Objects;

/**
 * A PIIX3 IDE controller in legacy mode with up to four ATA hard disks.
 *
 * <p>The machine registers, on the port I/O bus (user-space exits):
 * <ul>
 *   <li>{@link #primaryTaskFile()} at {@value #PRIMARY_TASK_FILE} (8 ports) and {@link #primaryControl()}
 *       at {@value #PRIMARY_CONTROL} (1 port), interrupting on the line given for IRQ 14;
 *   <li>{@link #secondaryTaskFile()} at {@value #SECONDARY_TASK_FILE} and {@link #secondaryControl()}
 *       at {@value #SECONDARY_CONTROL}, on IRQ 15;
 * </ul>
 * and attaches {@link #pciFunction()} to the PCI host, whose BAR mapper places BAR4, the bus-master
 * window, on the port I/O bus where the guest puts it.
 *
 * <p>With {@code forcePio} the disks advertise no DMA in IDENTIFY DEVICE (capability bit and mode
 * words clear) and abort DMA commands and DMA transfer modes, so Linux's libata, which intersects
 * the drive's modes with the controller's, runs them by PIO. The PCI function is unchanged.
 */
public final class PiixIde {
    public static final int PRIMARY_TASK_FILE = 0x1f0, PRIMARY_CONTROL = 0x3f6;
    public static final int SECONDARY_TASK_FILE = 0x170, SECONDARY_CONTROL = 0x376;
    public static final int TASK_FILE_PORTS = 8, CONTROL_PORTS = 1;
    public static final int PRIMARY_IRQ = 14, SECONDARY_IRQ = 15;
    public static final int BUS_MASTER_BAR = 4;
    public static final int MAX_DRIVES = 4;

    private final IdeChannel primary;
    private final IdeChannel secondary;
    private final PiixIdeFunction function;

    /**
     * @param dma    guest memory that bus-master DMA reads and writes
     * @param drives primary master, primary slave, secondary master, secondary slave; null or a short array means absent
     */
    public PiixIde(IrqLine irq14, IrqLine irq15, GuestMemory dma, BlockBackend[] drives, boolean forcePio) {
        Objects.requireNonNull(dma, "dma");
        if (drives.length > MAX_DRIVES) throw new IllegalArgumentException("PIIX IDE takes at most 4 drives, got " + drives.length);
        IdeDrive[] attached = new IdeDrive[MAX_DRIVES];
        for (int i = 0; i < drives.length; i++) {
            if (drives[i] != null) attached[i] = new IdeDrive(drives[i], !forcePio);
        }
        primary = new IdeChannel(Objects.requireNonNull(irq14, "irq14"), dma, attached[0], attached[1]);
        secondary = new IdeChannel(Objects.requireNonNull(irq15, "irq15"), dma, attached[2], attached[3]);
        function = new PiixIdeFunction(new BusMasterWindow(primary, secondary));
    }

    public BusDevice primaryTaskFile() {
        return primary.taskFile();
    }

    public BusDevice primaryControl() {
        return primary.control();
    }

    public BusDevice secondaryTaskFile() {
        return secondary.taskFile();
    }

    public BusDevice secondaryControl() {
        return secondary.control();
    }

    /** The PCI function to attach to the host; its BAR4 handler is the bus-master window. */
    public PciDevice pciFunction() {
        return function;
    }
}
