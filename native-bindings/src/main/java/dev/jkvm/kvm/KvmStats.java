package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_stats_desc;
import dev.jkvm.bindings.kvm.kvm_stats_header;
import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM's or vCPU's binary statistics (KVM_GET_STATS_FD): a header, then descriptors naming each
 * statistic, then the live 64-bit values, all read with pread. The descriptors are read once.
 */
public final class KvmStats implements AutoCloseable {
    private record Descriptor(String name, int size, long offset) {}

    private final OwnedFd fd;
    private final List<Descriptor> descriptors;
    private final long dataOffset;
    private final long dataSize;

    private KvmStats(OwnedFd fd, List<Descriptor> descriptors, long dataOffset, long dataSize) {
        this.fd = fd;
        this.descriptors = descriptors;
        this.dataOffset = dataOffset;
        this.dataSize = dataSize;
    }

    /** Takes ownership of a stats file descriptor and reads its descriptors. */
    static KvmStats open(int statsFd) {
        OwnedFd fd = new OwnedFd("KVM stats fd", statsFd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = readAt(fd, 0, kvm_stats_header.sizeof(), arena);
            int nameSize = kvm_stats_header.name_size(header);
            int count = kvm_stats_header.num_desc(header);
            long descriptorSize = kvm_stats_desc.sizeof() + nameSize;
            MemorySegment block = readAt(fd, Integer.toUnsignedLong(kvm_stats_header.desc_offset(header)),
                    descriptorSize * count, arena);
            List<Descriptor> descriptors = new ArrayList<>(count);
            long dataSize = 0;
            for (int i = 0; i < count; i++) {
                MemorySegment desc = block.asSlice(i * descriptorSize, descriptorSize);
                String name = desc.asSlice(kvm_stats_desc.name$offset(), nameSize).getString(0);
                int size = Short.toUnsignedInt(kvm_stats_desc.size(desc));
                long offset = Integer.toUnsignedLong(kvm_stats_desc.offset(desc));
                descriptors.add(new Descriptor(name, size, offset));
                dataSize = Math.max(dataSize, offset + size * 8L);
            }
            return new KvmStats(fd, List.copyOf(descriptors),
                    Integer.toUnsignedLong(kvm_stats_header.data_offset(header)), dataSize);
        } catch (RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** Current values by statistic name; histograms (several values) appear as name[0], name[1], ... */
    public Map<String, Long> read() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = readAt(fd, dataOffset, dataSize, arena);
            Map<String, Long> values = new LinkedHashMap<>();
            for (Descriptor d : descriptors) {
                for (int i = 0; i < d.size(); i++) {
                    long value = data.get(ValueLayout.JAVA_LONG_UNALIGNED, d.offset() + i * 8L);
                    values.put(d.size() == 1 ? d.name() : d.name() + "[" + i + "]", value);
                }
            }
            return values;
        }
    }

    private static MemorySegment readAt(OwnedFd fd, long offset, long length, Arena arena) {
        MemorySegment buffer = arena.allocate(Math.max(length, 1), 8);
        MemorySegment errno = ErrnoState.current();
        long done = 0;
        while (done < length) {
            long n = Libc.pread(errno, fd.get(), buffer.asSlice(done), length - done, offset + done);
            if (n < 0 && Libc.errno(errno) == Libc.EINTR) continue;
            if (n < 0) throw new KvmException("pread of KVM stats", Libc.errno(errno));
            if (n == 0) throw new IllegalStateException("KVM stats end at " + (offset + done) + ", expected " + (offset + length));
            done += n;
        }
        return buffer.asSlice(0, length);
    }

    @Override
    public void close() {
        fd.close();
    }
}
