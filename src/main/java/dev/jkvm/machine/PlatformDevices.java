package dev.jkvm.machine;

import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.debugexit.DebugExit;
import dev.jkvm.devices.i8042.I8042;
import dev.jkvm.devices.pci.BarMapper;
import dev.jkvm.devices.pci.IntxRouting;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.pci.PciHost;
import dev.jkvm.devices.rtc.Mc146818;
import dev.jkvm.devices.serial.Serial16550;
import dev.jkvm.devices.serial.SerialOutput;
import dev.jkvm.devices.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The user-space platform every PC guest expects at fixed ports: COM1, the RTC/CMOS, the keyboard
 * controller (for its reset line), the debug-exit port and the PCI host bridge. The interrupt
 * controllers and the PIT come from the accelerator.
 */
public final class PlatformDevices {
    private static final Logger log = LoggerFactory.getLogger(PlatformDevices.class);
    public static final int COM1 = 0x3f8;
    public static final int COM1_IRQ = 4;
    public static final int RTC = 0x70;
    public static final int I8042_DATA = 0x60;
    public static final int I8042_COMMAND = 0x64;
    public static final int KEYBOARD_IRQ = 1;
    public static final int MOUSE_IRQ = 12;
    public static final int DEBUG_EXIT = 0xf4;
    public static final int PCI_CONFIG = 0xcf8;
    /** PCI INTx: the usual swizzle onto links A-D, on IOAPIC inputs above the ISA range (level-triggered, as the MP table says). */
    public static final IntxRouting PCI_INTX = IntxRouting.pirqLinks(16, 17, 18, 19);

    private final Serial16550 serial;
    private final PciHost pci;

    private PlatformDevices(Serial16550 serial, PciHost pci) {
        this.serial = serial;
        this.pci = pci;
    }

    public static PlatformDevices attach(Machine machine, InterruptRouter irq, Clock clock, SerialOutput console,
                                         Runnable consoleHasRoom) {
        Bus pio = machine.pio();
        Lifecycle lifecycle = machine.lifecycle();
        Serial16550 serial = new Serial16550(irq.gsi(COM1_IRQ), console, consoleHasRoom);
        pio.register("serial-com1", COM1, 8, serial);

        Mc146818 rtc = new Mc146818(java.time.Clock.systemUTC(), clock);
        rtc.setMemorySize(machine.layout().lowRamEnd(), machine.layout().highRamSize());
        pio.register("rtc-cmos", RTC, 2, rtc);

        I8042 keyboard = new I8042(irq.gsi(KEYBOARD_IRQ), irq.gsi(MOUSE_IRQ),
                () -> lifecycle.requestStop(StopReason.reset("the guest reset the machine through the keyboard controller")));
        pio.register("i8042-data", I8042_DATA, 1, keyboard.dataPort());
        pio.register("i8042-command", I8042_COMMAND, 1, keyboard.commandPort());

        pio.register("debug-exit", DEBUG_EXIT, 4, new DebugExit(status -> lifecycle.requestStop(StopReason.guestExit(status))));

        PciHost pci = new PciHost(PCI_INTX, irq::gsi, new BusBarMapper(machine));
        pio.register("pci-conf1", PCI_CONFIG, 8, pci);
        return new PlatformDevices(serial, pci);
    }

    public Serial16550 serial() {
        return serial;
    }

    public PciHost pci() {
        return pci;
    }

    /** Keeps each decoding BAR's window on the PIO or MMIO bus where the guest put it, with its fast paths. */
    private static final class BusBarMapper implements BarMapper {
        private final FastPathWiring wiring;
        private final Map<PciBar, FastPathWiring.Mapping> windows = new HashMap<>();

        BusBarMapper(Machine machine) {
            this.wiring = new FastPathWiring(machine);
        }

        @Override
        public synchronized void map(PciDevice device, PciBar bar, long address) {
            try {
                windows.put(bar, wiring.map(device, bar, address));
            } catch (IllegalArgumentException e) {
                // The guest placed a BAR over another device; like a real bus conflict, it just does not decode.
                log.warn("{} BAR {} at {}: not decoding ({})", device.name(), bar.index(), Long.toHexString(address), e.getMessage());
            }
        }

        @Override
        public synchronized void unmap(PciDevice device, PciBar bar, long address) {
            FastPathWiring.Mapping m = windows.remove(bar);
            if (m != null) m.close();
        }
    }
}
