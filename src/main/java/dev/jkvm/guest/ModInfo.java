package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a kernel module's ELF section .modinfo says about it: its name and the modules it depends on.
 * .modinfo holds NUL-terminated key=value strings such as "depends=libata,scsi_mod".
 */
public record ModInfo(Optional<String> name, List<String> depends) {
    private static final int SHN_XINDEX = 0xffff;

    /** Reads the .modinfo of an x86-64 module (ELF64, little-endian); source names the module in errors. */
    public static ModInfo parse(byte[] elf, String source) {
        try {
            return parse(section(ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN), ".modinfo", source));
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new VmmException(source + ": truncated or malformed ELF");
        }
    }

    private static ModInfo parse(String modinfo) {
        Optional<String> name = Optional.empty();
        List<String> depends = List.of();
        for (String entry : modinfo.split("\0")) {
            if (entry.startsWith("name=")) name = Optional.of(entry.substring("name=".length()));
            else if (entry.startsWith("depends=")) {
                depends = Arrays.stream(entry.substring("depends=".length()).split(",")).filter(d -> !d.isEmpty()).toList();
            }
        }
        return new ModInfo(name, depends);
    }

    private static String section(ByteBuffer elf, String wanted, String source) {
        if (elf.getInt(0) != 0x464c457f) throw new VmmException(source + ": not an ELF file");
        if (elf.get(4) != 2 || elf.get(5) != 1) throw new VmmException(source + ": not a 64-bit little-endian ELF module");
        int headers = Math.toIntExact(elf.getLong(0x28));
        int headerSize = Short.toUnsignedInt(elf.getShort(0x3a));
        int count = Short.toUnsignedInt(elf.getShort(0x3c));
        int namesIndex = Short.toUnsignedInt(elf.getShort(0x3e));
        // With many sections the real count and name-table index live in section header 0.
        if (count == 0) count = Math.toIntExact(elf.getLong(headers + 0x20));
        if (namesIndex == SHN_XINDEX) namesIndex = elf.getInt(headers + 0x28);
        int names = Math.toIntExact(elf.getLong(headers + namesIndex * headerSize + 0x18));
        for (int i = 0; i < count; i++) {
            int header = headers + i * headerSize;
            if (wanted.equals(cString(elf, names + elf.getInt(header)))) {
                int offset = Math.toIntExact(elf.getLong(header + 0x18));
                int size = Math.toIntExact(elf.getLong(header + 0x20));
                return new String(elf.array(), offset, size, StandardCharsets.UTF_8);
            }
        }
        throw new VmmException(source + ": no " + wanted + " section");
    }

    private static String cString(ByteBuffer elf, int offset) {
        int end = offset;
        while (elf.get(end) != 0) end++;
        return new String(elf.array(), offset, end - offset, StandardCharsets.US_ASCII);
    }
}
