package dev.jkvm.devices.bus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BusTest {
    /** Remembers every access and answers reads with a pattern wider than the access. */
    static final class Recorder implements BusDevice {
        final List<String> log = new ArrayList<>();

        @Override
        public long read(long offset, int size) {
            log.add("r" + offset + "/" + size);
            return 0x1122334455667788L;
        }

        @Override
        public void write(long offset, int size, long value) {
            log.add("w" + offset + "/" + size + "=" + Long.toHexString(value));
        }
    }

    @Test
    void dispatchesByRangeWithOffsetsRelativeToTheBase() {
        Bus bus = new Bus(Bus.Kind.PIO);
        Recorder uart = new Recorder();
        bus.register("uart", 0x3f8, 8, uart);
        bus.write(0x3fb, 1, 0x83);
        assertEquals(0x88, bus.read(0x3fd, 1));
        assertEquals(0x7788, bus.read(0x3f8, 2));
        assertEquals(0x55667788L, bus.read(0x3f8, 4));
        assertEquals(List.of("w3/1=83", "r5/1", "r0/2", "r0/4"), uart.log);
    }

    @Test
    void overlappingRangesAreRejected() {
        Bus bus = new Bus(Bus.Kind.MMIO);
        bus.register("a", 0x1000, 0x100, new Recorder());
        assertThrows(BusOverlapException.class, () -> bus.register("b", 0x10ff, 1, new Recorder()));
        assertThrows(BusOverlapException.class, () -> bus.register("c", 0xf00, 0x101, new Recorder()));
        bus.register("d", 0x1100, 0x100, new Recorder());
        bus.register("e", 0xfff, 1, new Recorder());
        assertEquals(3, bus.windows().size());
    }

    @Test
    void portRangesMustFitThePortSpace() {
        Bus bus = new Bus(Bus.Kind.PIO);
        assertThrows(IllegalArgumentException.class, () -> bus.register("x", 0xfffe, 4, new Recorder()));
    }

    @Test
    void unclaimedReadsReturnAllOnesAndAreCounted() {
        Bus bus = new Bus(Bus.Kind.PIO);
        assertEquals(0xff, bus.read(0x80, 1));
        assertEquals(0xffff, bus.read(0x80, 2));
        assertEquals(0xffffffffL, bus.read(0x80, 4));
        bus.write(0x80, 1, 0x12);
        assertEquals(4, bus.unclaimed().total());
        Map<Long, AccessCounter.Cell> cells = bus.unclaimed().snapshot();
        assertEquals(4, cells.size());
    }

    @Test
    void highMmioAddressesUseUnsignedOrder() {
        Bus bus = new Bus(Bus.Kind.MMIO);
        Recorder lapic = new Recorder();
        Recorder high = new Recorder();
        bus.register("lapic", 0xfee00000L, 0x1000, lapic);
        bus.register("high", 0xffff_ffff_0000_0000L, 0x1000, high);
        assertSame(high, bus.find(0xffff_ffff_0000_0010L).device());
        assertSame(lapic, bus.find(0xfee00300L).device());
        assertNull(bus.find(0xfee01000L));
    }

    @Test
    void countsPerRegisterDirectionAndSize() {
        Bus bus = new Bus(Bus.Kind.PIO);
        Bus.Window w = bus.register("ide", 0x1f0, 8, new Recorder(), ExitKind.USER_SPACE);
        for (int i = 0; i < 3; i++) bus.read(0x1f7, 1);
        bus.write(0x1f7, 1, 0xc8);
        bus.read(0x1f0, 2);
        Map<Long, AccessCounter.Cell> cells = w.counter().snapshot();
        assertEquals(5, w.counter().total());
        AccessCounter.Cell status = cells.values().stream()
                .filter(c -> c.offset() == 7 && c.direction() == Direction.READ).findFirst().orElseThrow();
        assertEquals(3, status.count());
        assertEquals(3, status.bytes());
        AccessCounter.Cell data = cells.values().stream().filter(c -> c.offset() == 0).findFirst().orElseThrow();
        assertEquals(2, data.size());
        assertEquals(2, data.bytes());
    }

    @Test
    void unregisterFreesTheRangeForABarMove() {
        Bus bus = new Bus(Bus.Kind.MMIO);
        Bus.Window w = bus.register("bar0", 0xc0000000L, 0x1000, new Recorder());
        bus.unregister(w);
        assertNull(bus.find(0xc0000000L));
        bus.register("bar0", 0xc0000000L, 0x1000, new Recorder());
    }

    @Test
    void observersSeeOnlyTheirOwnThreadsAccesses() throws Exception {
        Bus bus = new Bus(Bus.Kind.MMIO);
        Bus.Window w = bus.register("dev", 0x1000, 0x10, new Recorder());
        List<String> seen = new ArrayList<>();
        bus.observeThisThread((window, direction, size) -> seen.add((window == null ? "none" : window.name()) + direction + size));
        bus.read(0x1004, 4);
        bus.write(0x2000, 8, 1);
        Thread other = new Thread(() -> bus.read(0x1000, 1));
        other.start();
        other.join();
        bus.observeThisThread(null);
        bus.read(0x1000, 2);
        assertEquals(List.of("devREAD4", "noneWRITE8"), seen);
        assertEquals(3, w.counter().total());
    }
}
