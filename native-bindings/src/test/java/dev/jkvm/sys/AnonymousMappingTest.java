package dev.jkvm.sys;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnonymousMappingTest {
    @Test
    void mapsZeroedPageAlignedWritableMemory() {
        try (AnonymousMapping mapping = AnonymousMapping.map(2 * 4096)) {
            MemorySegment memory = mapping.segment();
            assertEquals(2 * 4096, memory.byteSize());
            assertEquals(0, memory.address() % 4096);
            assertEquals(-1, memory.mismatch(MemorySegment.ofArray(new byte[2 * 4096])));
            memory.set(ValueLayout.JAVA_LONG, 4096, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, memory.get(ValueLayout.JAVA_LONG, 4096));
            mapping.close();
            mapping.close();
        }
    }

    @Test
    void reportsImpossibleSizes() {
        NativeException e = assertThrows(NativeException.class, () -> AnonymousMapping.map(0));
        assertEquals("mmap of 0 bytes failed: EINVAL (invalid argument)", e.getMessage());
    }
}
