package dev.jkvm.boot;

import dev.jkvm.VmmException;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.loader.ElfKernel;
import dev.jkvm.loader.ElfSegment;
import dev.jkvm.loader.KernelImage;
import dev.jkvm.loader.SetupHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Puts a Linux kernel, its initrd and command line into guest RAM with the boot structures of the
 * chosen entry, and returns the boot vCPU's registers.
 */
public final class LinuxBoot {
    /** Where initrds may end when the kernel does not say (boot.rst: initrd_addr_max default). */
    private static final long DEFAULT_INITRD_ADDR_MAX = 0x37ff_ffffL;
    private static final long PAGE = 4096;

    /** What was placed where; tests and logs read it. */
    public record Placement(BootCpuState cpu, long initrdAddress, long initrdSize, long cmdlineAddress, E820Map e820) {}

    private LinuxBoot() {}

    public static Placement load(GuestMemory memory, PcLayout layout, KernelImage kernel, Optional<Path> initrd,
                                 String cmdline, int cpus, List<MpTable.PciInterrupt> pciInterrupts,
                                 BootCpuState.EntryMode preferred) {
        ElfKernel elf = kernel.elf();
        loadSegments(memory, elf);
        E820Map e820 = layout.e820();

        byte[] cmd = (cmdline + "\0").getBytes(StandardCharsets.US_ASCII);
        long cmdlineLimit = kernel.setupHeader().map(SetupHeader::cmdlineSize).filter(s -> s > 0).orElse(PcLayout.CMDLINE_MAX - 1) + 1;
        if (cmd.length > Math.min(cmdlineLimit, PcLayout.CMDLINE_MAX)) {
            throw new VmmException("the kernel command line is " + (cmd.length - 1) + " bytes; this kernel accepts at most "
                    + (Math.min(cmdlineLimit, PcLayout.CMDLINE_MAX) - 1));
        }
        memory.write(PcLayout.CMDLINE, cmd);

        long initrdAddress = 0;
        long initrdSize = 0;
        if (initrd.isPresent()) {
            initrdSize = fileSize(initrd.get());
            long limit = Math.min(layout.lowRamEnd(),
                    kernel.setupHeader().map(SetupHeader::initrdAddrMax).filter(m -> m > 0).orElse(DEFAULT_INITRD_ADDR_MAX) + 1);
            initrdAddress = e820.highestRamFit(initrdSize, limit, PAGE);
            if (initrdAddress < elf.physicalEnd()) {
                throw new VmmException(String.format("initrd %s (%d MiB) does not fit in guest RAM (%d MiB) above the kernel; "
                        + "give the guest more --memory", initrd.get(), initrdSize >> 20, layout.memoryBytes() >> 20));
            }
            copyFile(initrd.get(), memory.writableSlice(initrdAddress, initrdSize));
            memory.written(initrdAddress, initrdSize);
        }

        BootGdt.write(memory, PcLayout.GDT);
        MpTable.write(memory, PcLayout.MP_TABLE, cpus, pciInterrupts);
        boolean pvh = preferred == BootCpuState.EntryMode.PVH_32 && elf.pvhEntry().isPresent();
        BootCpuState cpu;
        if (pvh) {
            PvhStartInfo.write(memory, e820, PcLayout.CMDLINE, initrdAddress, initrdSize);
            cpu = new BootCpuState(BootCpuState.EntryMode.PVH_32, elf.pvhEntry().get(), 0, PcLayout.PVH_START_INFO, 0, 0x2,
                    BootCpuState.CR0_PE | BootCpuState.CR0_ET, 0, 0, 0, PcLayout.GDT, BootGdt.LIMIT,
                    BootGdt.code32(), BootGdt.data(), BootGdt.tss());
        } else {
            BootParams.write(memory, PcLayout.ZERO_PAGE, kernel.setupHeader(), e820, PcLayout.CMDLINE, cmd.length - 1,
                    initrdAddress, initrdSize);
            IdentityPageTables.write(memory);
            cpu = new BootCpuState(BootCpuState.EntryMode.LINUX_64, elf.entry(), PcLayout.ZERO_PAGE, 0, 0, 0x2,
                    BootCpuState.CR0_PE | BootCpuState.CR0_ET | BootCpuState.CR0_PG, PcLayout.PML4, BootCpuState.CR4_PAE,
                    BootCpuState.EFER_LME | BootCpuState.EFER_LMA, PcLayout.GDT, BootGdt.LIMIT,
                    BootGdt.code64(), BootGdt.data(), BootGdt.tss());
        }
        return new Placement(cpu, initrdAddress, initrdSize, PcLayout.CMDLINE, e820);
    }

    private static void loadSegments(GuestMemory memory, ElfKernel elf) {
        for (ElfSegment s : elf.segments()) {
            if (!memory.isRam(s.physicalAddress(), s.memorySize())) {
                throw new VmmException(String.format("%s: segment [%#x..%#x) lies outside guest RAM (%d MiB); give the guest more --memory",
                        elf.file(), s.physicalAddress(), s.physicalEnd(), memory.size() >> 20));
            }
            MemorySegment target = memory.writableSlice(s.physicalAddress(), s.memorySize());
            MemorySegment.copy(elf.contents(s), 0, target, 0, s.fileSize());
            target.asSlice(s.fileSize()).fill((byte) 0);
            memory.written(s.physicalAddress(), s.memorySize());
        }
    }

    private static long fileSize(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFile(Path file, MemorySegment target) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var buffer = target.asByteBuffer();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) throw new IOException(file + " shrank while loading");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
