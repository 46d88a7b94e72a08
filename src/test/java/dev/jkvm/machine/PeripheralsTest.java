package dev.jkvm.machine;

import dev.jkvm.VmmException;
import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.boot.MpTable;
import dev.jkvm.config.DiskSpec;
import dev.jkvm.config.NicSpec;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.irq.MsiSink;
import dev.jkvm.devices.serial.SerialOutput;
import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeripheralsTest {
    @TempDir
    Path dir;

    private static final InterruptRouter NO_INTERRUPTS = new InterruptRouter() {
        public IrqLine gsi(int gsi) { return IrqLine.DISCONNECTED; }
        public MsiSink msi() { return (address, data) -> { }; }
    };

    private Path disk(String name, long size) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    private static long config(Machine m, int slot, int offset) {
        m.pio().write(0xcf8, 4, 0x8000_0000L | (slot << 11) | offset);
        return m.pio().read(0xcfc, 4);
    }

    @Test
    void ideAndVirtioDisksAppearOnPciWithPlacedBars() throws IOException {
        try (Machine m = new Machine(64L << 20, 1)) {
            PlatformDevices platform = PlatformDevices.attach(m, NO_INTERRUPTS, new VirtualClock(), SerialOutput.DISCARD, () -> { });
            List<DiskSpec> disks = List.of(
                    DiskSpec.parse(disk("a.img", 1 << 20) + ",if=ide"),
                    DiskSpec.parse(disk("b.img", 2 << 20).toString()));
            List<MpTable.PciInterrupt> routes = Peripherals.attach(m, platform, NO_INTERRUPTS, new VirtualClock(), disks,
                    List.of(NicSpec.parse("model=e1000"), NicSpec.parse("model=virtio")));
            assertEquals(0x70108086L, config(m, 1, 0));
            assertEquals(0x10421af4L, config(m, 2, 0));
            long bar4 = config(m, 2, 0x20) & ~0xfL;
            assertTrue(bar4 >= 0xc0000000L, Long.toHexString(bar4));
            assertTrue(m.mmio().find(bar4) != null, "the virtio BAR decodes on the MMIO bus");
            assertTrue(m.pio().find(0x1f7) != null && m.pio().find(0x3f6) != null);
            assertEquals(0x100e8086L, config(m, 3, 0));
            assertEquals(0x10411af4L, config(m, 4, 0));
            // slot s INTA swizzles to link (s + 0) mod 4: slot 2 -> C (18), 3 -> D (19), 4 -> A (16)
            assertEquals(List.of(new MpTable.PciInterrupt(2, 1, 18), new MpTable.PciInterrupt(3, 1, 19),
                    new MpTable.PciInterrupt(4, 1, 16)), routes);
        }
    }

    @Test
    void aMissingImageIsNamed() {
        try (Machine m = new Machine(64L << 20, 1)) {
            PlatformDevices platform = PlatformDevices.attach(m, NO_INTERRUPTS, new VirtualClock(), SerialOutput.DISCARD, () -> { });
            String message = assertThrows(VmmException.class, () -> Peripherals.attach(m, platform, NO_INTERRUPTS, new VirtualClock(),
                    List.of(DiskSpec.parse(dir.resolve("nope.img").toString())), List.of())).getMessage();
            assertTrue(message.contains("nope.img"), message);
        }
    }
}
