package dev.jkvm.devices.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestMemoryTest {
    private static final long FOUR_GIB = 1L << 32;

    @Test
    void regionsAreBackedByZeroedMemoryWithLittleEndianAccess() {
        try (GuestMemory m = GuestMemory.allocate(List.of(new GuestMemory.Range(0, 1 << 20), new GuestMemory.Range(FOUR_GIB, 1 << 20)))) {
            assertEquals(2 << 20, m.size());
            assertEquals(0, m.readLong(0x1000));
            m.writeInt(0x10, 0x11223344);
            assertEquals(0x44, m.readByte(0x10));
            assertEquals(0x3344, m.readShort(0x10));
            m.writeLong(FOUR_GIB + 8, -2L);
            assertEquals(-2L, m.readLong(FOUR_GIB + 8));
            byte[] data = {1, 2, 3};
            m.write(0xffffd, data);
            byte[] back = new byte[3];
            m.read(0xffffd, back, 0, 3);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void accessesOutsideRamFailWithoutTouchingHostMemory() {
        try (GuestMemory m = GuestMemory.allocate(List.of(new GuestMemory.Range(0, 1 << 20), new GuestMemory.Range(FOUR_GIB, 1 << 20)))) {
            assertThrows(GuestMemoryException.class, () -> m.readByte(1 << 20));
            assertThrows(GuestMemoryException.class, () -> m.readInt((1 << 20) - 2));
            assertThrows(GuestMemoryException.class, () -> m.writeLong(0xfee00000L, 1));
            assertThrows(GuestMemoryException.class, () -> m.readLong(-8));
            assertThrows(GuestMemoryException.class, () -> m.slice(0, (1 << 20) + 1));
            assertThrows(GuestMemoryException.class, () -> m.slice(0x1000, -1));
            assertThrows(GuestMemoryException.class, () -> m.slice(Long.MAX_VALUE, 16));
            assertThrows(GuestMemoryException.class, () -> m.write(FOUR_GIB + (1 << 20) - 1, new byte[2]));
            assertTrue(m.isRam(FOUR_GIB, 1 << 20));
            assertFalse(m.isRam(FOUR_GIB - 1, 2));
        }
    }

    @Test
    void hostWritesAreReportedAfterTheyLandAndSlicesAreReadOnly() {
        try (GuestMemory m = GuestMemory.allocate(List.of(new GuestMemory.Range(0, 1 << 20)))) {
            List<String> seen = new ArrayList<>();
            m.setWriteObserver((address, length) -> seen.add(Long.toHexString(address) + "+" + length + "=" + m.readByte(address)));
            m.writeByte(0x10, (byte) 7);
            m.writeShort(0x20, (short) 8);
            m.writeInt(0x30, 9);
            m.writeLong(0x40, 10);
            m.write(0x50, new byte[] {11, 12, 13});
            assertEquals(List.of("10+1=7", "20+2=8", "30+4=9", "40+8=10", "50+3=11"), seen);
            assertThrows(IllegalArgumentException.class, () -> m.slice(0x60, 1).set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
            m.writableSlice(0x60, 1).set(ValueLayout.JAVA_BYTE, 0, (byte) 14);
            m.written(0x60, 1);
            assertEquals("60+1=14", seen.getLast());
        }
    }

    @Test
    void overlappingRangesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GuestMemory.allocate(List.of(new GuestMemory.Range(0, 8192), new GuestMemory.Range(4096, 8192))));
    }
}
