package dev.jkvm.guest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Minimal ELF64 relocatable objects shaped like kernel modules: a NULL section, .modinfo and .shstrtab. */
final class SyntheticModule {
    private static final int ELF_HEADER = 64;
    private static final int SECTION_HEADER = 64;

    private SyntheticModule() {}

    /** A module whose .modinfo holds the given key=value entries. */
    static byte[] withModinfo(String... entries) {
        return withSection(".modinfo", String.join("\0", entries) + "\0");
    }

    static byte[] withSection(String sectionName, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] names = ("\0" + sectionName + "\0.shstrtab\0").getBytes(StandardCharsets.US_ASCII);
        int dataOffset = ELF_HEADER;
        int namesOffset = dataOffset + data.length;
        int headersOffset = (namesOffset + names.length + 7) & ~7;
        ByteBuffer elf = ByteBuffer.allocate(headersOffset + 3 * SECTION_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        elf.putShort(0x10, (short) 1);       // ET_REL
        elf.putShort(0x12, (short) 62);      // EM_X86_64
        elf.putInt(0x14, 1);
        elf.putLong(0x28, headersOffset);
        elf.putShort(0x34, (short) ELF_HEADER);
        elf.putShort(0x3a, (short) SECTION_HEADER);
        elf.putShort(0x3c, (short) 3);
        elf.putShort(0x3e, (short) 2);
        elf.put(dataOffset, data);
        elf.put(namesOffset, names);
        section(elf, headersOffset + SECTION_HEADER, 1, 1, dataOffset, data.length);
        section(elf, headersOffset + 2 * SECTION_HEADER, 2 + sectionName.length(), 3, namesOffset, names.length);
        return elf.array();
    }

    private static void section(ByteBuffer elf, int at, int name, int type, int offset, int size) {
        elf.putInt(at, name);
        elf.putInt(at + 4, type);
        elf.putLong(at + 0x18, offset);
        elf.putLong(at + 0x20, size);
    }
}
