package dev.jkvm.loader;

import dev.jkvm.boot.BootCpuState;
import dev.jkvm.boot.BootParams;
import dev.jkvm.boot.LinuxBoot;
import dev.jkvm.boot.PcLayout;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.guest.BuiltGuest;
import dev.jkvm.guest.GuestCache;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the default guest's Debian kernel, as a bzImage and as its extracted vmlinux. */
class DefaultGuestKernelTest {
    @Test
    void bzImageAndVmlinuxLoadTheSameKernel() throws Exception {
        GuestCache.DefaultGuest guest = BuiltGuest.require();
        GuestCache cache = GuestCache.fromEnvironment();
        try (KernelImage bz = KernelImages.open(guest.kernel(), cache.derivedDir())) {
            SetupHeader header = bz.setupHeader().orElseThrow();
            assertTrue(header.protocolVersion() >= 0x20f, header.versionString());
            assertTrue(header.relocatable());
            long pvh = bz.elf().pvhEntry().orElseThrow();
            assertTrue(pvh >= 0x1000000 && pvh < bz.elf().physicalEnd());
            assertEquals(0x1000000, bz.elf().segments().getFirst().physicalAddress());

            try (KernelImage vmlinux = KernelImages.open(bz.elf().file(), cache.derivedDir())) {
                assertTrue(vmlinux.setupHeader().isEmpty());
                assertEquals(bz.elf().segments(), vmlinux.elf().segments());
                assertEquals(bz.elf().entry(), vmlinux.elf().entry());
            }

            PcLayout layout = new PcLayout(512L << 20);
            try (GuestMemory memory = GuestMemory.allocate(layout.ramRanges())) {
                LinuxBoot.Placement p = LinuxBoot.load(memory, layout, bz, Optional.of(guest.initramfs()), "console=ttyS0",
                        1, List.of(), BootCpuState.EntryMode.LINUX_64);
                assertEquals(Files.size(guest.initramfs()), memory.readInt(PcLayout.ZERO_PAGE + BootParams.RAMDISK_SIZE));
                assertTrue(p.initrdAddress() >= bz.elf().physicalEnd());
                assertEquals(header.protocolVersion(), memory.readShort(PcLayout.ZERO_PAGE + BootParams.VERSION) & 0xffff);
                byte[] initrdHead = new byte[2];
                memory.read(p.initrdAddress(), initrdHead, 0, 2);
                assertEquals((byte) 0x1f, initrdHead[0], "the gzip initramfs starts at the initrd address");
                var first = bz.elf().segments().getFirst();
                byte[] expected = new byte[64];
                bz.elf().contents(first).asByteBuffer().get(expected);
                byte[] loaded = new byte[64];
                memory.read(first.physicalAddress(), loaded, 0, 64);
                assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(loaded));
            }
        }
    }
}
