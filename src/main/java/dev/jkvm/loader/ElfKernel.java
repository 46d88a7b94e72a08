package dev.jkvm.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A vmlinux: an x86-64 ELF executable whose PT_LOAD segments go to their physical addresses.
 * The file stays memory-mapped while the image is open.
 */
public final class ElfKernel implements AutoCloseable {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private static final int EM_X86_64 = 62;
    private static final int ET_EXEC = 2;
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    /** XEN_ELFNOTE_PHYS32_ENTRY: the 32-bit PVH entry point. */
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private final Path file;
    private final Arena arena;
    private final MemorySegment bytes;
    private final long entry;
    private final Optional<Long> pvhEntry;
    private final List<ElfSegment> segments;

    private ElfKernel(Path file, Arena arena, MemorySegment bytes) {
        this.file = file;
        this.arena = arena;
        this.bytes = bytes;
        if (bytes.byteSize() < 64) throw fail("truncated ELF header (" + bytes.byteSize() + " bytes)");
        if (bytes.get(ValueLayout.JAVA_BYTE, 4) != 2) throw fail("not a 64-bit ELF file (a 32-bit kernel cannot boot here)");
        if (bytes.get(ValueLayout.JAVA_BYTE, 5) != 1) throw fail("not a little-endian ELF file");
        if (u16(18) != EM_X86_64) throw fail("ELF machine " + u16(18) + " is not x86-64");
        if (u16(16) != ET_EXEC) throw fail("ELF type " + u16(16) + " is not an executable");
        this.entry = bytes.get(U64, 24);
        long phoff = bytes.get(U64, 32);
        int phentsize = u16(54);
        int phnum = u16(56);
        if (phentsize < 56 || phnum == 0) throw fail("no program headers");
        if (phoff < 0 || phoff + (long) phentsize * phnum > bytes.byteSize()) throw fail("truncated: program headers extend past the end of the file");
        List<ElfSegment> loads = new ArrayList<>();
        Optional<Long> pvh = Optional.empty();
        for (int i = 0; i < phnum; i++) {
            long ph = phoff + (long) i * phentsize;
            int type = bytes.get(U32, ph);
            long offset = bytes.get(U64, ph + 8);
            long paddr = bytes.get(U64, ph + 24);
            long filesz = bytes.get(U64, ph + 32);
            long memsz = bytes.get(U64, ph + 40);
            if (type != PT_LOAD && type != PT_NOTE) continue;
            if (offset < 0 || filesz < 0 || offset + filesz > bytes.byteSize() || offset + filesz < offset) {
                throw fail("truncated: segment " + i + " extends past the end of the file");
            }
            if (type == PT_LOAD) {
                if (memsz < filesz) throw fail("segment " + i + " is smaller in memory than in the file");
                if (memsz > 0) loads.add(new ElfSegment(paddr, offset, filesz, memsz));
            } else if (pvh.isEmpty()) {
                pvh = findPvhEntry(offset, filesz);
            }
        }
        if (loads.isEmpty()) throw fail("no loadable segments");
        loads.sort(Comparator.comparingLong(ElfSegment::physicalAddress));
        for (int i = 1; i < loads.size(); i++) {
            ElfSegment prev = loads.get(i - 1);
            ElfSegment next = loads.get(i);
            if (Long.compareUnsigned(prev.physicalEnd(), next.physicalAddress()) > 0) {
                throw fail(String.format("overlapping segments: [%#x..%#x) and [%#x..%#x)",
                        prev.physicalAddress(), prev.physicalEnd(), next.physicalAddress(), next.physicalEnd()));
            }
        }
        this.segments = List.copyOf(loads);
        this.pvhEntry = pvh;
    }

    /** Maps and validates a vmlinux. */
    public static ElfKernel open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new ElfKernel(file, arena, bytes);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private Optional<Long> findPvhEntry(long offset, long size) {
        long p = offset;
        long end = offset + size;
        while (p + 12 <= end) {
            long namesz = Integer.toUnsignedLong(bytes.get(U32, p));
            long descsz = Integer.toUnsignedLong(bytes.get(U32, p + 4));
            int type = bytes.get(U32, p + 8);
            long name = p + 12;
            long desc = name + align4(namesz);
            long next = desc + align4(descsz);
            if (next > end) throw fail("truncated ELF note");
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 && isXenName(name) && (descsz == 4 || descsz == 8)) {
                long address = descsz == 4 ? Integer.toUnsignedLong(bytes.get(U32, desc)) : bytes.get(U64, desc);
                return Optional.of(address);
            }
            p = next;
        }
        return Optional.empty();
    }

    private boolean isXenName(long at) {
        return bytes.get(ValueLayout.JAVA_BYTE, at) == 'X' && bytes.get(ValueLayout.JAVA_BYTE, at + 1) == 'e'
                && bytes.get(ValueLayout.JAVA_BYTE, at + 2) == 'n' && bytes.get(ValueLayout.JAVA_BYTE, at + 3) == 0;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    private int u16(long offset) {
        return Short.toUnsignedInt(bytes.get(U16, offset));
    }

    private KernelImageException fail(String problem) {
        return new KernelImageException(file, problem);
    }

    public Path file() {
        return file;
    }

    /** The ELF entry: the physical address of the 64-bit entry point (startup_64). */
    public long entry() {
        return entry;
    }

    /** The 32-bit PVH entry point, when the kernel has the Xen PHYS32_ENTRY note. */
    public Optional<Long> pvhEntry() {
        return pvhEntry;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    /** The bytes of a segment as stored in the file. */
    public MemorySegment contents(ElfSegment segment) {
        return bytes.asSlice(segment.fileOffset(), segment.fileSize());
    }

    /** The highest physical address any segment reaches. */
    public long physicalEnd() {
        return segments.getLast().physicalEnd();
    }

    @Override
    public void close() {
        arena.close();
    }
}
