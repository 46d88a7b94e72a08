package dev.jkvm.tcg.sys;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.ExitKind;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.pic.PicPair;
import dev.jkvm.devices.pit.I8254;
import dev.jkvm.devices.pit.SystemControlPortB;
import dev.jkvm.devices.serial.Serial16550;
import dev.jkvm.devices.time.VirtualClock;
import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuFeature;
import dev.jkvm.tcg.CpuidTable;
import dev.jkvm.tcg.InterruptSource;
import dev.jkvm.tcg.StopReason;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Boots the default guest's kernel (the decompressed vmlinux cached by the guest builder) on the
 * software CPU through the Xen PVH entry, with the devices module's UART, PIC and PIT on the port
 * bus, and checks the early console output. Skips when the kernel is not cached, unless CI=true.
 *
 * <p>Milestones, in order: "Linux version" (banner), "Memory:" (mm init), "Calibrating delay loop"
 * or "tsc:" (needs timer interrupts from PIT + PIC). The test requires the first, reports the rest.
 */
@Tag("kernel-smoke")
class KernelBootSmokeTest {
    static final long RAM = 256L << 20;
    static final long START_INFO = 0x6000, CMDLINE = 0x6100, MEMMAP = 0x6400, MODLIST = 0x6500;
    static final long INITRD = 0x8000000; // 128 MiB
    static final String CMDLINE_TEXT = "console=ttyS0 earlyprintk=serial,ttyS0 acpi=off nolapic noapic tsc=reliable "
            + "no_timer_check nokaslr mitigations=off";
    /** With the default guest's initramfs: the command init runs (jkvm.run= takes its UTF-8 bytes in hex). */
    static final String GUEST_COMMAND = System.getProperty("jkvm.smoke.command", "echo hello from busybox; uname -m");
    static final long MAX_INSTRUCTIONS = Long.getLong("jkvm.smoke.instructions", 12_000_000_000L);
    static final long MAX_MILLIS = Long.getLong("jkvm.smoke.millis", 300_000L);
    static final String[] MILESTONES = {"Linux version", "Memory:", "Calibrating delay loop", "Run /init",
            "JKVM-READY", "hello from busybox", "JKVM-EXIT 0"};

    static Optional<Path> cachedInitramfs() throws IOException {
        Path guest = Path.of(System.getProperty("user.home"), ".cache", "jkvm", "guest");
        Path current = guest.resolve("current");
        if (!Files.isRegularFile(current)) return Optional.empty();
        Path initramfs = guest.resolve(Files.readString(current).trim()).resolve("initramfs.cpio.gz");
        return Files.isRegularFile(initramfs) ? Optional.of(initramfs) : Optional.empty();
    }

    static Optional<Path> cachedKernel() throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "jkvm", "derived");
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("vmlinux-"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
        }
    }

    @Test
    void bootsToTheEarlyConsole() throws Exception {
        Optional<Path> kernel = cachedKernel();
        if (kernel.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) fail("no cached vmlinux in ~/.cache/jkvm/derived (CI=true must not skip)");
            Assumptions.abort("no cached vmlinux in ~/.cache/jkvm/derived: build the default guest first");
        }
        try (GuestMemory ram = GuestMemory.allocate(List.of(new GuestMemory.Range(0, RAM)))) {
            Boot boot = new Boot(ram, kernel.get(), cachedInitramfs().orElse(null));
            boot.run(MAX_INSTRUCTIONS, MAX_MILLIS);
            String out = boot.serial.toString();
            int reached = 0;
            for (String m : MILESTONES) if (out.contains(m)) reached++;
            System.out.println("kernel-smoke: reached " + reached + "/" + MILESTONES.length + " milestones, "
                    + boot.cpu.retiredInstructions() + " instructions, stop " + boot.lastStop + ", rip "
                    + Long.toHexString(boot.cpu.state.rip) + ", unknown MSRs " + boot.cpu.msrs().unknownAccesses());
            System.out.println("---- guest serial output ----\n" + out + "\n---- end ----");
            assertTrue(out.contains("Linux version"), "no kernel banner on the serial port");
        }
    }

    /** Manual runs outside Maven: java -cp ... dev.jkvm.tcg.sys.KernelBootSmokeTest [vmlinux]. */
    public static void main(String[] args) throws Exception {
        Path kernel = args.length > 0 ? Path.of(args[0]) : cachedKernel().orElseThrow();
        try (GuestMemory ram = GuestMemory.allocate(List.of(new GuestMemory.Range(0, RAM)))) {
            Boot boot = new Boot(ram, kernel, cachedInitramfs().orElse(null));
            long t = System.nanoTime();
            boot.run(MAX_INSTRUCTIONS, MAX_MILLIS);
            System.out.println(boot.serial);
            System.out.printf("%d instructions in %.1f s, stop %s, rip %x, unknown MSRs %s%n", boot.cpu.retiredInstructions(),
                    (System.nanoTime() - t) / 1e9, boot.lastStop, boot.cpu.state.rip, boot.cpu.msrs().unknownAccesses());
        }
    }

    /** A minimal PVH loader and machine: RAM, UART at 0x3f8, PIC, PIT, port 0x61. */
    static final class Boot {
        final StringBuilder serial = new StringBuilder();
        final Cpu cpu;
        final VirtualClock clock = new VirtualClock();
        final PicPair pic;
        StopReason lastStop;

        Boot(GuestMemory ram, Path vmlinux, Path initramfs) throws IOException {
            long entry = loadElf(ram, vmlinux);
            byte[] initrd = initramfs != null ? Files.readAllBytes(initramfs) : null;
            if (initrd != null) ram.write(INITRD, initrd);
            writeStartInfo(ram, initrd == null ? 0 : initrd.length);
            Bus io = new Bus(Bus.Kind.PIO);
            pic = new PicPair(asserted -> { });
            io.register("pic-master", 0x20, 2, pic.master(), ExitKind.IN_KERNEL);
            io.register("pic-slave", 0xa0, 2, pic.slave(), ExitKind.IN_KERNEL);
            io.register("elcr", 0x4d0, 2, pic.elcr(), ExitKind.IN_KERNEL);
            I8254 pit = new I8254(clock, pic.line(0));
            io.register("pit", 0x40, 4, pit, ExitKind.IN_KERNEL);
            io.register("port61", 0x61, 1, new SystemControlPortB(pit), ExitKind.IN_KERNEL);
            io.register("com1", 0x3f8, 8, new Serial16550(pic.line(4), b -> {
                synchronized (serial) {
                    serial.append((char) (b & 0xff));
                }
            }), ExitKind.USER_SPACE);
            var features = CpuidTable.implementedFeatures();
            features.add(CpuFeature.FPU); // required by the kernel's verify_cpu; x87 is another part of the CPU
            CpuState state = new CpuState();
            cpu = Cpu.createSystem(state, new PhysicalMemory(ram, null), io, clock, new CpuidTable(features, 0, 1), null);
            cpu.msrs().setTopOfMemory(RAM);
            cpu.setInterruptSource(new InterruptSource() {
                @Override
                public boolean hasPendingInterrupt() {
                    return pic.hasInterrupt();
                }

                @Override
                public int acknowledgeInterrupt() {
                    return pic.acknowledge();
                }
            });
            enterPvh(state, entry);
        }

        /** The PVH entry state: 32-bit protected mode, paging off, flat CS/DS/ES/SS, EBX = start info. */
        static void enterPvh(CpuState s, long entry) {
            s.cr0 = 0x11; // PE | ET
            s.segments[Segment.CS].load(0x10, 0, 0xffffffff, 0xc09b);
            for (int sreg : new int[] {Segment.DS, Segment.ES, Segment.SS, Segment.FS, Segment.GS}) {
                s.segments[sreg].load(0x18, 0, 0xffffffff, 0xc093);
            }
            s.tr.load(0x20, 0, 0x67, 0x8b);
            s.setRflags(2);
            s.gpr[Reg.RBX] = START_INFO;
            s.rip = entry;
            Segments.updateMode(s);
        }

        void run(long maxInstructions, long maxMillis) {
            long deadline = System.currentTimeMillis() + maxMillis;
            while (cpu.retiredInstructions() < maxInstructions && System.currentTimeMillis() < deadline) {
                lastStop = cpu.runSlice(1_000_000);
                if (lastStop == StopReason.HALTED) {
                    long next = clock.nextDeadline();
                    if (next == Long.MAX_VALUE) break;
                    clock.advanceTo(next);
                } else if (lastStop != StopReason.INSTRUCTION_LIMIT) {
                    break;
                }
                synchronized (serial) {
                    if (serial.indexOf("JKVM-EXIT") >= 0 || serial.indexOf("Kernel panic") >= 0) {
                        lastStop = cpu.runSlice(50_000_000); // let the line finish
                        break;
                    }
                }
            }
        }

        static long loadElf(GuestMemory ram, Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer header = read(ch, 0, 64);
                if (header.getInt(0) != 0x464c457f || header.get(4) != 2) throw new IOException("not ELF64");
                long phoff = header.getLong(32);
                int phentsize = header.getShort(54) & 0xffff, phnum = header.getShort(56) & 0xffff;
                long pvhEntry = -1;
                for (int i = 0; i < phnum; i++) {
                    ByteBuffer ph = read(ch, phoff + (long) i * phentsize, phentsize);
                    int type = ph.getInt(0);
                    long offset = ph.getLong(8), paddr = ph.getLong(24), filesz = ph.getLong(32), memsz = ph.getLong(40);
                    if (type == 1) {
                        ByteBuffer data = read(ch, offset, (int) filesz);
                        byte[] bytes = new byte[(int) filesz];
                        data.get(bytes);
                        ram.write(paddr, bytes);
                        for (long a = paddr + filesz; a < paddr + memsz; a++) ram.writeByte(a, (byte) 0);
                    } else if (type == 4) {
                        ByteBuffer notes = read(ch, offset, (int) filesz);
                        int p = 0;
                        while (p + 12 <= filesz) {
                            int namesz = notes.getInt(p), descsz = notes.getInt(p + 4), ntype = notes.getInt(p + 8);
                            String name = new String(bytes(notes, p + 12, Math.max(0, namesz - 1)), StandardCharsets.US_ASCII);
                            int desc = p + 12 + ((namesz + 3) & ~3);
                            if (name.equals("Xen") && ntype == 18) {
                                pvhEntry = descsz >= 8 ? notes.getLong(desc) : notes.getInt(desc) & 0xffffffffL;
                            }
                            p = desc + ((descsz + 3) & ~3);
                        }
                    }
                }
                if (pvhEntry < 0) throw new IOException("no XEN_ELFNOTE_PHYS32_ENTRY");
                return pvhEntry;
            }
        }

        private static byte[] bytes(ByteBuffer b, int at, int n) {
            byte[] out = new byte[n];
            b.get(at, out);
            return out;
        }

        private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) throw new IOException("short read");
            }
            return b.flip();
        }

        static void writeStartInfo(GuestMemory ram, int initrdSize) {
            ram.writeInt(START_INFO, 0x336ec578);
            ram.writeInt(START_INFO + 4, 1);       // version 1: has the memory map
            ram.writeInt(START_INFO + 8, 0);       // flags
            ram.writeInt(START_INFO + 12, initrdSize > 0 ? 1 : 0); // nr_modules: the first is the initrd
            ram.writeLong(START_INFO + 16, MODLIST);
            ram.writeLong(MODLIST, INITRD);
            ram.writeLong(MODLIST + 8, initrdSize);
            ram.writeLong(MODLIST + 16, 0);
            ram.writeLong(MODLIST + 24, 0);
            ram.writeLong(START_INFO + 24, CMDLINE);
            ram.writeLong(START_INFO + 32, 0);     // rsdp_paddr
            ram.writeLong(START_INFO + 40, MEMMAP);
            ram.writeInt(START_INFO + 48, 2);      // memmap_entries
            ram.writeInt(START_INFO + 52, 0);
            StringBuilder hex = new StringBuilder();
            for (byte b : GUEST_COMMAND.getBytes(StandardCharsets.UTF_8)) hex.append(String.format("%02x", b));
            byte[] cmd = (CMDLINE_TEXT + " jkvm.run=" + hex + "\0").getBytes(StandardCharsets.US_ASCII);
            ram.write(CMDLINE, cmd);
            long[][] map = {{0, 0x9fc00, 1}, {0x100000, RAM - 0x100000, 1}};
            for (int i = 0; i < map.length; i++) {
                long e = MEMMAP + i * 24L;
                ram.writeLong(e, map[i][0]);
                ram.writeLong(e + 8, map[i][1]);
                ram.writeInt(e + 16, (int) map[i][2]);
                ram.writeInt(e + 20, 0);
            }
        }
    }
}
