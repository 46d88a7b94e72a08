package dev.jkvm.boot;

import dev.jkvm.VmmException;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.loader.KernelImage;
import dev.jkvm.loader.KernelImages;
import dev.jkvm.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxBootTest {
    private static final long MEMORY = 64L << 20;

    @TempDir
    Path dir;
    private GuestMemory memory;
    private final PcLayout layout = new PcLayout(MEMORY);

    @BeforeEach
    void allocate() {
        memory = GuestMemory.allocate(layout.ramRanges());
    }

    @AfterEach
    void free() {
        memory.close();
    }

    private KernelImage kernel() throws IOException {
        Path file = dir.resolve("vmlinux");
        Files.write(file, TestImages.elf(0x1000000, new long[][]{{0x1000000, 256, 4096}}, 0x1000040L));
        return KernelImages.open(file, dir);
    }

    private Path initrd(int size) throws IOException {
        Path file = dir.resolve("initrd");
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 7);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void linux64EntryFillsTheZeroPageFieldByField() throws IOException {
        try (KernelImage k = kernel()) {
            LinuxBoot.Placement p = LinuxBoot.load(memory, layout, k, Optional.of(initrd(10000)), "console=ttyS0",
                    1, List.of(), BootCpuState.EntryMode.LINUX_64);
            long zp = PcLayout.ZERO_PAGE;
            assertEquals((short) 0xaa55, memory.readShort(zp + BootParams.BOOT_FLAG));
            assertEquals(0x53726448, memory.readInt(zp + BootParams.HEADER));
            assertEquals((byte) 0xff, memory.readByte(zp + BootParams.TYPE_OF_LOADER));
            assertEquals(0x81, memory.readByte(zp + BootParams.LOADFLAGS) & 0xff);
            assertEquals(PcLayout.CMDLINE, memory.readInt(zp + BootParams.CMD_LINE_PTR));
            assertEquals(0, memory.readInt(zp + BootParams.EXT_CMD_LINE_PTR));
            assertEquals("console=ttyS0".length(), memory.readInt(zp + BootParams.CMDLINE_SIZE));
            assertEquals(p.initrdAddress(), memory.readInt(zp + BootParams.RAMDISK_IMAGE) & 0xffffffffL);
            assertEquals(10000, memory.readInt(zp + BootParams.RAMDISK_SIZE));
            assertEquals(0, p.initrdAddress() % 4096);
            assertTrue(p.initrdAddress() + 10000 <= MEMORY);
            assertEquals((byte) 7, memory.readByte(p.initrdAddress() + 1));

            assertEquals(4, memory.readByte(zp + BootParams.E820_ENTRIES));
            long[][] expected = {{0, 0x9fc00, 1}, {0x9fc00, 0x400, 2}, {0xf0000, 0x10000, 2}, {0x100000, MEMORY - 0x100000, 1}};
            for (int i = 0; i < expected.length; i++) {
                long e = zp + BootParams.E820_TABLE + i * 20L;
                assertEquals(expected[i][0], memory.readLong(e), "e820[" + i + "].addr");
                assertEquals(expected[i][1], memory.readLong(e + 8), "e820[" + i + "].size");
                assertEquals(expected[i][2], memory.readInt(e + 16), "e820[" + i + "].type");
            }

            byte[] cmd = new byte[14];
            memory.read(PcLayout.CMDLINE, cmd, 0, 14);
            assertEquals("console=ttyS0\0", new String(cmd));

            BootCpuState cpu = p.cpu();
            assertEquals(BootCpuState.EntryMode.LINUX_64, cpu.mode());
            assertEquals(0x1000000, cpu.rip());
            assertEquals(PcLayout.ZERO_PAGE, cpu.rsi());
            assertEquals(PcLayout.PML4, cpu.cr3());
            assertTrue(cpu.cs().l() && !cpu.cs().db());
            assertEquals(BootGdt.CODE64, cpu.cs().selector());
            assertEquals(cpu.cs().descriptor(), memory.readLong(PcLayout.GDT + BootGdt.CODE64));
            assertEquals(0x00af9b000000ffffL, memory.readLong(PcLayout.GDT + BootGdt.CODE64));
            assertEquals(0x00cf93000000ffffL, memory.readLong(PcLayout.GDT + BootGdt.DATA));
        }
    }

    @Test
    void identityPageTablesMapTheFirstFourGiB() throws IOException {
        try (KernelImage k = kernel()) {
            LinuxBoot.load(memory, layout, k, Optional.empty(), "", 1, List.of(), BootCpuState.EntryMode.LINUX_64);
            assertEquals(PcLayout.PDPT | 3, memory.readLong(PcLayout.PML4));
            assertEquals(0, memory.readLong(PcLayout.PML4 + 8));
            for (int gib = 0; gib < 4; gib++) {
                long pd = memory.readLong(PcLayout.PDPT + gib * 8L) & ~0xfffL;
                assertEquals(PcLayout.PAGE_DIRECTORIES + gib * 4096L, pd);
                for (int i : new int[]{0, 1, 511}) {
                    long pde = memory.readLong(pd + i * 8L);
                    assertEquals(((long) gib << 30) + ((long) i << 21), pde & ~0xfffL);
                    assertEquals(0x83, pde & 0xfff);
                }
            }
        }
    }

    @Test
    void pvhEntryWritesTheStartInfo() throws IOException {
        try (KernelImage k = kernel()) {
            LinuxBoot.Placement p = LinuxBoot.load(memory, layout, k, Optional.of(initrd(5000)), "quiet", 1, List.of(),
                    BootCpuState.EntryMode.PVH_32);
            long si = PcLayout.PVH_START_INFO;
            assertEquals(PvhStartInfo.MAGIC, memory.readInt(si));
            assertEquals(1, memory.readInt(si + 4));
            assertEquals(1, memory.readInt(si + 12));
            assertEquals(PvhStartInfo.MODLIST, memory.readLong(si + 16));
            assertEquals(PcLayout.CMDLINE, memory.readLong(si + 24));
            assertEquals(PvhStartInfo.MEMMAP, memory.readLong(si + 40));
            assertEquals(4, memory.readInt(si + 48));
            assertEquals(p.initrdAddress(), memory.readLong(PvhStartInfo.MODLIST));
            assertEquals(5000, memory.readLong(PvhStartInfo.MODLIST + 8));
            assertEquals(0x100000, memory.readLong(PvhStartInfo.MEMMAP + 3 * 24));
            assertEquals(1, memory.readInt(PvhStartInfo.MEMMAP + 3 * 24 + 16));
            BootCpuState cpu = p.cpu();
            assertEquals(BootCpuState.EntryMode.PVH_32, cpu.mode());
            assertEquals(0x1000040, cpu.rip());
            assertEquals(si, cpu.rbx());
            assertEquals(0, cpu.cr0() & BootCpuState.CR0_PG);
            assertTrue(cpu.cs().db() && !cpu.cs().l());
        }
    }

    @Test
    void mpTableDescribesCpusIoapicAndIsaInterrupts() throws IOException {
        try (KernelImage k = kernel()) {
            LinuxBoot.load(memory, layout, k, Optional.empty(), "", 2,
                    List.of(new MpTable.PciInterrupt(3, 1, 16)), BootCpuState.EntryMode.LINUX_64);
            long fp = PcLayout.MP_TABLE;
            assertEquals(0x5f504d5f, memory.readInt(fp)); // "_MP_"
            assertEquals(0, sum(fp, 16));
            long table = memory.readInt(fp + 4) & 0xffffffffL;
            assertEquals(0x504d4350, memory.readInt(table)); // "PCMP"
            int length = memory.readShort(table + 4);
            assertEquals(MpTable.size(2, 1) - 16, length);
            assertEquals(0, sum(table, length));
            int entries = memory.readShort(table + 34);
            assertEquals(2 + 2 + 1 + 15 + 1 + 2, entries);
            assertEquals(PcLayout.LAPIC, memory.readInt(table + 36) & 0xffffffffL);
            long e = table + 44;
            assertEquals(0, memory.readByte(e));
            assertEquals(3, memory.readByte(e + 3)); // CPU 0 enabled and bootstrap
            assertEquals(1, memory.readByte(e + 20 + 1)); // CPU 1's APIC id
            assertEquals(1, memory.readByte(e + 20 + 3)); // enabled, not bootstrap
            long ioapic = e + 40 + 16;
            assertEquals(2, memory.readByte(ioapic));
            assertEquals(PcLayout.IOAPIC, memory.readInt(ioapic + 4) & 0xffffffffL);
            long irq0 = ioapic + 8;
            assertEquals(3, memory.readByte(irq0));
            assertEquals(0, memory.readByte(irq0 + 5)); // ISA IRQ 0
            assertEquals(2, memory.readByte(irq0 + 7)); // arrives at IOAPIC input 2
            long pci = irq0 + 15 * 8;
            assertEquals(MpTable.PCI_BUS, memory.readByte(pci + 4));
            assertEquals(3 << 2, memory.readByte(pci + 5));
            assertEquals(16, memory.readByte(pci + 7));
        }
    }

    @Test
    void initrdLargerThanRamIsRejected() throws IOException {
        Path big = dir.resolve("big");
        try (var f = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[1]), MEMORY + 1);
        }
        try (KernelImage k = kernel()) {
            String message = assertThrows(VmmException.class, () -> LinuxBoot.load(memory, layout, k, Optional.of(big), "", 1,
                    List.of(), BootCpuState.EntryMode.LINUX_64)).getMessage();
            assertTrue(message.contains("does not fit in guest RAM"), message);
        }
    }

    @Test
    void kernelOutsideRamIsRejected() throws IOException {
        Path file = dir.resolve("high");
        Files.write(file, TestImages.elf(0x8000000, new long[][]{{0x8000000, 16, 16}}, null));
        try (KernelImage k = KernelImages.open(file, dir)) {
            String message = assertThrows(VmmException.class, () -> LinuxBoot.load(memory, layout, k, Optional.empty(), "", 1,
                    List.of(), BootCpuState.EntryMode.LINUX_64)).getMessage();
            assertTrue(message.contains("outside guest RAM"), message);
        }
    }

    private int sum(long address, int length) {
        int s = 0;
        for (int i = 0; i < length; i++) s += memory.readByte(address + i);
        return s & 0xff;
    }
}
