package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_stats_desc;
import dev.jkvm.bindings.kvm.kvm_stats_header;
import dev.jkvm.bindings.libc.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads a stats file laid out as KVM_GET_STATS_FD's, written to disk, since no KVM is needed for pread. */
class KvmStatsTest {
    private static final int NAME_SIZE = 48;

    @Test
    void readsNamedValuesAndHistogramBuckets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats");
        Files.write(file, statsFile());
        try (Arena arena = Arena.ofConfined();
             KvmStats stats = KvmStats.open(Libc.open(ErrnoState.current(), arena.allocateFrom(file.toString()), Libc.O_RDONLY, 0))) {
            assertEquals(Map.of("exits", 42L, "halt_wait_hist[0]", 7L, "halt_wait_hist[1]", 9L), stats.read());
        }
    }

    private static byte[] statsFile() {
        long descSize = kvm_stats_desc.sizeof() + NAME_SIZE;
        int descOffset = (int) kvm_stats_header.sizeof() + NAME_SIZE;
        int dataOffset = (int) (descOffset + 2 * descSize);
        MemorySegment file = Arena.ofAuto().allocate(dataOffset + 3 * 8);
        kvm_stats_header.name_size(file, NAME_SIZE);
        kvm_stats_header.num_desc(file, 2);
        kvm_stats_header.id_offset(file, (int) kvm_stats_header.sizeof());
        kvm_stats_header.desc_offset(file, descOffset);
        kvm_stats_header.data_offset(file, dataOffset);
        file.setString(kvm_stats_header.sizeof(), "kvm-1234");
        describe(file.asSlice(descOffset, descSize), "exits", 1, 0);
        describe(file.asSlice(descOffset + descSize, descSize), "halt_wait_hist", 2, 8);
        file.set(ValueLayout.JAVA_LONG_UNALIGNED, dataOffset, 42);
        file.set(ValueLayout.JAVA_LONG_UNALIGNED, dataOffset + 8, 7);
        file.set(ValueLayout.JAVA_LONG_UNALIGNED, dataOffset + 16, 9);
        return file.toArray(ValueLayout.JAVA_BYTE);
    }

    private static void describe(MemorySegment desc, String name, int size, int offset) {
        kvm_stats_desc.size(desc, (short) size);
        kvm_stats_desc.offset(desc, offset);
        desc.setString(kvm_stats_desc.name$offset(), name);
    }
}
