package dev.jkvm.boot;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.loader.SetupHeader;

import java.util.List;
import java.util.Optional;

/** The Linux zero page (struct boot_params, Documentation/arch/x86/zero-page.rst). */
public final class BootParams {
    public static final int SIZE = 4096;
    public static final int EXT_RAMDISK_IMAGE = 0x0c0;
    public static final int EXT_RAMDISK_SIZE = 0x0c4;
    public static final int EXT_CMD_LINE_PTR = 0x0c8;
    public static final int E820_ENTRIES = 0x1e8;
    public static final int BOOT_FLAG = 0x1fe;
    public static final int HEADER = 0x202;
    public static final int VERSION = 0x206;
    public static final int TYPE_OF_LOADER = 0x210;
    public static final int LOADFLAGS = 0x211;
    public static final int RAMDISK_IMAGE = 0x218;
    public static final int RAMDISK_SIZE = 0x21c;
    public static final int HEAP_END_PTR = 0x224;
    public static final int CMD_LINE_PTR = 0x228;
    public static final int KERNEL_ALIGNMENT = 0x230;
    public static final int CMDLINE_SIZE = 0x238;
    public static final int E820_TABLE = 0x2d0;
    public static final int E820_MAX = 128;

    private static final int LOADED_HIGH = 0x01;
    private static final int CAN_USE_HEAP = 0x80;
    private static final int UNDEFINED_LOADER = 0xff;
    private static final int DEFAULT_PROTOCOL = 0x020f;

    private BootParams() {}

    public static void write(GuestMemory memory, long address, Optional<SetupHeader> header, E820Map e820,
                             long cmdline, long cmdlineSize, long initrd, long initrdSize) {
        memory.write(address, new byte[SIZE]);
        memory.writeShort(address + BOOT_FLAG, (short) 0xaa55);
        memory.writeInt(address + HEADER, 0x53726448);
        memory.writeShort(address + VERSION, (short) header.map(SetupHeader::protocolVersion).orElse(DEFAULT_PROTOCOL).intValue());
        memory.writeByte(address + TYPE_OF_LOADER, (byte) UNDEFINED_LOADER);
        memory.writeByte(address + LOADFLAGS, (byte) (LOADED_HIGH | CAN_USE_HEAP));
        memory.writeShort(address + HEAP_END_PTR, (short) 0xfe00);
        memory.writeInt(address + KERNEL_ALIGNMENT, (int) header.map(SetupHeader::kernelAlignment).orElse(0x200000L).longValue());
        memory.writeInt(address + CMD_LINE_PTR, (int) cmdline);
        memory.writeInt(address + EXT_CMD_LINE_PTR, (int) (cmdline >>> 32));
        memory.writeInt(address + CMDLINE_SIZE, (int) cmdlineSize);
        memory.writeInt(address + RAMDISK_IMAGE, (int) initrd);
        memory.writeInt(address + EXT_RAMDISK_IMAGE, (int) (initrd >>> 32));
        memory.writeInt(address + RAMDISK_SIZE, (int) initrdSize);
        memory.writeInt(address + EXT_RAMDISK_SIZE, (int) (initrdSize >>> 32));
        List<E820Map.Entry> entries = e820.entries();
        if (entries.size() > E820_MAX) throw new IllegalArgumentException("more than " + E820_MAX + " e820 entries");
        memory.writeByte(address + E820_ENTRIES, (byte) entries.size());
        for (int i = 0; i < entries.size(); i++) {
            long at = address + E820_TABLE + i * 20L;
            memory.writeLong(at, entries.get(i).address());
            memory.writeLong(at + 8, entries.get(i).size());
            memory.writeInt(at + 16, entries.get(i).type().code);
        }
    }
}
