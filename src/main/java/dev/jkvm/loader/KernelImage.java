package dev.jkvm.loader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel ready to load: the vmlinux ELF, and the bzImage setup header when it came from one.
 */
public record KernelImage(Path source, ElfKernel elf, Optional<SetupHeader> setupHeader) implements AutoCloseable {
    public String describe() {
        String entries = elf.pvhEntry().map(e -> String.format("PVH entry %#x, ", e)).orElse("")
                + String.format("64-bit entry %#x", elf.entry());
        return setupHeader.map(h -> "bzImage, boot protocol " + h.versionString() + ", ").orElse("vmlinux, ")
                + elf.segments().size() + " segments, " + entries;
    }

    @Override
    public void close() {
        elf.close();
    }
}
