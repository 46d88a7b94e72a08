package dev.jkvm.devices.pci;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.RecordingIrqLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PciHostTest {
    private static final int ADDRESS = 0, DATA = 4;
    private static final BusDevice NOWHERE = new BusDevice() {
        @Override
        public long read(long offset, int size) {
            return 0;
        }

        @Override
        public void write(long offset, int size, long value) {}
    };

    private final List<String> mapperCalls = new ArrayList<>();
    private final Map<Integer, RecordingIrqLine> gsis = new HashMap<>();
    private final PciHost host = new PciHost(IntxRouting.pirqLinks(10, 11, 12, 13),
            gsi -> gsis.computeIfAbsent(gsi, g -> new RecordingIrqLine()),
            new BarMapper() {
                @Override
                public void map(PciDevice device, PciBar bar, long address) {
                    mapperCalls.add(String.format("map %s BAR%d %#x", device.name(), bar.index(), address));
                }

                @Override
                public void unmap(PciDevice device, PciBar bar, long address) {
                    mapperCalls.add(String.format("unmap %s BAR%d %#x", device.name(), bar.index(), address));
                }
            });

    private static int address(int bus, int slot, int function, int register) {
        return 0x80000000 | bus << 16 | slot << 11 | function << 8 | register;
    }

    private long config(int slot, int function, int register, int size) {
        host.write(ADDRESS, 4, address(0, slot, function, register & 0xfc));
        return host.read(DATA + (register & 3), size);
    }

    private void setConfig(int slot, int function, int register, int size, long value) {
        host.write(ADDRESS, 4, address(0, slot, function, register & 0xfc));
        host.write(DATA + (register & 3), size, value);
    }

    private PciDevice deviceWithBars() {
        PciDevice device = new PciDevice("nic", 0x1af4, 0x1000, 0x020000, 0x01);
        device.addBar(0, PciBar.Kind.IO, 32, false, NOWHERE);
        device.addBar(1, PciBar.Kind.MEMORY32, 4096, false, NOWHERE);
        device.addBar(2, PciBar.Kind.MEMORY64, 16384, true, NOWHERE);
        return device;
    }

    @Test
    void addressRegisterKeepsItsDefinedBitsAndNeedsDwordAccess() {
        host.write(ADDRESS, 4, 0xffffffffL);
        assertEquals(0x80fffffcL, host.read(ADDRESS, 4));
        host.write(ADDRESS, 1, 0x00);
        host.write(1, 2, 0x00);
        assertEquals(0x80fffffcL, host.read(ADDRESS, 4), "narrow writes are not for CONFIG_ADDRESS");
        assertEquals(0xff, host.read(ADDRESS, 1));
        assertEquals(0xffff, host.read(2, 2));
    }

    @Test
    void hostBridgeIsAnI440fxAtDevice0() {
        assertEquals(0x12378086L, config(0, 0, 0x00, 4));
        assertEquals(0x06000002L, config(0, 0, 0x08, 4));
        assertEquals(0x00, config(0, 0, 0x0e, 1));
    }

    @Test
    void dataPortServesBytesAndWordsAtTheirOffsets() {
        assertEquals(0x86, config(0, 0, 0x00, 1));
        assertEquals(0x80, config(0, 0, 0x01, 1));
        assertEquals(0x1237, config(0, 0, 0x02, 2));
        assertEquals(0x12, config(0, 0, 0x03, 1));
        assertEquals(0x06, config(0, 0, 0x0b, 1));
    }

    @Test
    void absentFunctionsOtherBusesAndDisabledCyclesReadAllOnes() {
        assertEquals(0xffffffffL, config(5, 0, 0x00, 4));
        assertEquals(0xff, config(5, 0, 0x01, 1));
        assertEquals(0xffff, config(0, 1, 0x00, 2));
        host.write(ADDRESS, 4, address(1, 0, 0, 0));
        assertEquals(0xffffffffL, host.read(DATA, 4));
        host.write(ADDRESS, 4, address(0, 0, 0, 0) & 0x7fffffff);
        assertEquals(0xffffffffL, host.read(DATA, 4));
        setConfig(5, 0, 0x04, 2, 0xffff); // dropped
    }

    @Test
    void commandRegisterHasOnlyItsWritableBits() {
        PciDevice device = deviceWithBars();
        host.attach(3, 0, device);
        setConfig(3, 0, 0x04, 2, 0xffff);
        assertEquals(0x0547, config(3, 0, 0x04, 2));
        setConfig(3, 0, 0x00, 4, 0);
        assertEquals(0x10001af4L, config(3, 0, 0x00, 4), "identity registers are read-only");
    }

    @Test
    void barsReportTheirSizeWhenAllOnesAreWritten() {
        host.attach(3, 0, deviceWithBars());
        for (int bar = 0; bar < 6; bar++) setConfig(3, 0, 0x10 + 4 * bar, 4, 0xffffffffL);
        assertEquals(0xffffffe1L, config(3, 0, 0x10, 4), "32-byte I/O");
        assertEquals(0xfffff000L, config(3, 0, 0x14, 4), "4 KiB memory, 32-bit");
        assertEquals(0xffffc00cL, config(3, 0, 0x18, 4), "16 KiB memory, 64-bit, prefetchable");
        assertEquals(0xffffffffL, config(3, 0, 0x1c, 4), "upper half of the 64-bit BAR");
        assertEquals(0, config(3, 0, 0x20, 4), "unimplemented BAR");
        setConfig(3, 0, 0x30, 4, 0xfffff800L);
        assertEquals(0, config(3, 0, 0x30, 4), "no expansion ROM");
        assertEquals(List.of(), mapperCalls, "decode is off");
    }

    @Test
    void placedBarsAreMappedWhenDecodeIsEnabledAndMovedOrUnmapped() {
        host.attach(3, 0, deviceWithBars());
        setConfig(3, 0, 0x10, 4, 0xc000);
        setConfig(3, 0, 0x18, 4, 0xfe000000L);
        setConfig(3, 0, 0x1c, 4, 0x1);
        assertEquals(List.of(), mapperCalls);
        setConfig(3, 0, 0x04, 2, 0x0003);
        assertEquals(List.of("map nic BAR0 0xc000", "map nic BAR2 0x1fe000000"), mapperCalls, "BAR1 is unassigned");
        mapperCalls.clear();
        setConfig(3, 0, 0x10, 4, 0xc100);
        assertEquals(List.of("unmap nic BAR0 0xc000", "map nic BAR0 0xc100"), mapperCalls);
        mapperCalls.clear();
        setConfig(3, 0, 0x04, 2, 0x0001);
        assertEquals(List.of("unmap nic BAR2 0x1fe000000"), mapperCalls);
        mapperCalls.clear();
        setConfig(3, 0, 0x10, 4, 0xffffffffL);
        assertEquals(List.of("unmap nic BAR0 0xc100"), mapperCalls, "a sizing probe is no placement");
        assertEquals(-1, host.function(3, 0).mappedAddress(0));
        setConfig(3, 0, 0x04, 2, 0x0002);
        setConfig(3, 0, 0x14, 4, 0xfebf0000L);
        mapperCalls.clear();
        setConfig(3, 0, 0x14, 4, 0xffffffffL);
        assertEquals(List.of("unmap nic BAR1 0xfebf0000"), mapperCalls, "not mapped at 0xfffff000 while sizing");
    }

    @Test
    void capabilityListIsChained() {
        PciDevice device = new PciDevice("caps", 0x1af4, 0x1041, 0x020000, 1);
        int first = device.addCapability(0x09, 6);
        int second = device.addCapability(0x11, 12);
        host.attach(4, 0, device);
        assertEquals(0x40, first);
        assertEquals(0x48, second, "capabilities start dword-aligned");
        assertEquals(0x10, config(4, 0, 0x06, 2) & 0x10, "status: capability list present");
        assertEquals(first, config(4, 0, 0x34, 1));
        assertEquals(0x09 | second << 8, config(4, 0, first, 2));
        assertEquals(0x11, config(4, 0, second, 2), "the last has no next");
        setConfig(4, 0, 0x06, 2, 0xffff);
        assertEquals(0x10, config(4, 0, 0x06, 2), "status bits are read-only or write-one-to-clear");
        setConfig(4, 0, 0x34, 1, 0x80);
        assertEquals(first, config(4, 0, 0x34, 1));
    }

    @Test
    void intxIsRoutedBySlotSwizzleAndGatedByInterruptDisable() {
        PciDevice device = new PciDevice("irq", 0x1af4, 0x1000, 0x020000, 0);
        device.setInterruptPin(1);
        host.attach(3, 0, device);
        int gsi = new int[] {10, 11, 12, 13}[IntxRouting.swizzle(3, 1)];
        assertEquals(13, gsi);
        assertEquals(gsi, config(3, 0, 0x3c, 1), "the interrupt line names the GSI");
        assertEquals(1, config(3, 0, 0x3d, 1));
        device.setIntx(true);
        assertTrue(gsis.get(gsi).level());
        assertEquals(0x08, config(3, 0, 0x06, 2) & 0x08);
        setConfig(3, 0, 0x04, 2, 0x0400);
        assertFalse(gsis.get(gsi).level());
        assertEquals(0x08, config(3, 0, 0x06, 2) & 0x08, "status still shows the pending interrupt");
        setConfig(3, 0, 0x04, 2, 0x0000);
        assertTrue(gsis.get(gsi).level());
        device.setIntx(false);
        assertFalse(gsis.get(gsi).level());
        assertEquals(0, config(3, 0, 0x06, 2) & 0x08);
    }

    @Test
    void pinsOnOneGsiShareItsLine() {
        PciDevice a = new PciDevice("a", 0x1af4, 0x1000, 0x020000, 0);
        PciDevice b = new PciDevice("b", 0x1af4, 0x1000, 0x020000, 0);
        a.setInterruptPin(1);
        b.setInterruptPin(1);
        host.attach(1, 0, a);
        host.attach(5, 0, b); // slots 1 and 5 swizzle onto the same link
        RecordingIrqLine line = gsis.get(11);
        a.setIntx(true);
        b.setIntx(true);
        a.setIntx(false);
        assertTrue(line.level(), "b still asserts it");
        b.setIntx(false);
        assertFalse(line.level());
        assertEquals(1, line.risingEdges());
    }

    @Test
    void functionsBeyondZeroMakeTheSlotMultifunction() {
        host.attach(6, 0, new PciDevice("f0", 0x8086, 0x7000, 0x060100, 0));
        assertEquals(0x00, config(6, 0, 0x0e, 1));
        host.attach(6, 1, new PciDevice("f1", 0x8086, 0x7010, 0x010180, 0));
        assertEquals(0x80, config(6, 0, 0x0e, 1));
        assertEquals(0x70108086L, config(6, 1, 0x00, 4));
        assertThrows(IllegalArgumentException.class, () -> host.attach(6, 1, new PciDevice("x", 1, 1, 0, 0)));
    }

    @Test
    void deviceHooksSeeConfigurationAccesses() {
        List<String> seen = new ArrayList<>();
        PciDevice device = new PciDevice("hooked", 0x1af4, 0x1000, 0x020000, 0) {
            private final int capability = addCapability(0x11, 12);

            {
                config.setWritable(capability + 2, 2, 0xc000);
            }

            @Override
            public synchronized void configWrite(int offset, int size, long value) {
                super.configWrite(offset, size, value);
                if (offset == capability + 2) seen.add("control " + Long.toHexString(configRead(offset, 2)));
            }
        };
        host.attach(2, 0, device);
        setConfig(2, 0, 0x42, 2, 0xffff);
        assertEquals(List.of("control c000"), seen);
        assertEquals(0xc000, config(2, 0, 0x42, 2));
    }

    @Test
    void barDefinitionsAreChecked() {
        PciDevice device = new PciDevice("bad", 1, 1, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> device.addBar(0, PciBar.Kind.IO, 24, false, NOWHERE));
        assertThrows(IllegalArgumentException.class, () -> device.addBar(5, PciBar.Kind.MEMORY64, 4096, false, NOWHERE));
        device.addBar(0, PciBar.Kind.MEMORY64, 4096, false, NOWHERE);
        assertThrows(IllegalArgumentException.class, () -> device.addBar(1, PciBar.Kind.IO, 16, false, NOWHERE));
    }
}
