package dev.jkvm.cli;

import dev.jkvm.VmmException;
import dev.jkvm.config.AccelChoice;
import dev.jkvm.config.ConsoleSpec;
import dev.jkvm.config.DiskSpec;
import dev.jkvm.config.FastPaths;
import dev.jkvm.config.MemorySize;
import dev.jkvm.config.NicSpec;
import dev.jkvm.config.VmConfig;
import dev.jkvm.vmm.VmRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        sortOptions = false,
        description = {
                "Boot a Linux guest. Without --kernel it boots the default guest (see `jkvm guest build`).",
                "Exit status: the guest's debug-exit status or the --run command's status; 0 after a clean",
                "shutdown or reset; " + ExitStatus.VMM_ERROR + " with a one-line message when the VMM fails."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jkvm run",
                "  jkvm run --run 'cat /proc/cpuinfo' --accel tcg --cpus 2",
                "  jkvm run --disk disk.img,if=ide --disk data.qcow2,if=virtio,format=qcow2 --nic model=virtio",
                "  jkvm run --kernel bzImage --initrd initrd.img --append 'console=ttyS0 root=/dev/vda'",
                "Console: Ctrl-A X quits, Ctrl-A S prints live exit statistics, Ctrl-A Ctrl-A sends Ctrl-A."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--kernel", paramLabel = "FILE",
            description = "Linux kernel: a bzImage or a vmlinux ELF. Example: --kernel /boot/vmlinuz-6.1.0-50-amd64")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE",
            description = "Initial ramdisk (cpio, optionally compressed). Example: --initrd initrd.img")
    Path initrd;

    @Option(names = "--append", paramLabel = "STR",
            description = "Kernel command line, added after jkvm's own parameters. Example: --append 'loglevel=8'")
    String append = "";

    @Option(names = "--run", paramLabel = "CMD",
            description = "Run CMD in the default guest without a shell prompt (passed as jkvm.run=); "
                    + "jkvm exits with its status. Example: --run 'uname -a'")
    String run;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "512M",
            description = "Guest RAM (default: ${DEFAULT-VALUE}). Example: --memory 2G")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1",
            description = "Number of vCPUs (default: ${DEFAULT-VALUE}). Example: --cpus 2")
    int cpus;

    @Option(names = "--accel", paramLabel = "auto|kvm|tcg", defaultValue = "auto",
            converter = AccelConverter.class,
            description = "CPU backend: kvm, the software CPU (tcg), or auto = KVM when /dev/kvm is usable "
                    + "(default: ${DEFAULT-VALUE}). Example: --accel tcg")
    AccelChoice accel;

    @Option(names = "--disk", paramLabel = "FILE[,if=ide|virtio][,format=raw|qcow2][,readonly=on][,pio=on]",
            description = "Attach a disk (repeatable; default if=virtio, format=raw; pio=on keeps an IDE disk to PIO "
                    + "transfers). Example: --disk disk.img,if=ide,readonly=on")
    List<String> disks = new ArrayList<>();

    @Option(names = "--nic", paramLabel = "model=e1000|virtio[,net=user|tap:IFNAME]",
            description = "Attach a network card (repeatable; default net=user, a built-in peer needing no root). "
                    + "Example: --nic model=virtio,net=tap:tap0")
    List<String> nics = new ArrayList<>();

    @Option(names = "--console", paramLabel = "stdio|file:PATH|none", defaultValue = "stdio",
            description = "Where the serial console goes (default: ${DEFAULT-VALUE}). Example: --console file:serial.log")
    String console;

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "Write exit counters (per vCPU, reason, device and register) to FILE at exit. "
                    + "Example: --stats-json stats.json")
    Path statsJson;

    @Option(names = "--fast-paths", paramLabel = "all|none|ioeventfd,irqfd,coalesced-mmio",
            description = "KVM fast paths: virtio notifications through ioeventfd and a device I/O thread, interrupts "
                    + "through irqfd (MSI-X GSI routes, INTx with a resample eventfd), e1000 register writes through "
                    + "coalesced MMIO (default: all). Example: --fast-paths=none")
    String fastPaths = "all";

    @Option(names = "--no-ioeventfd", description = "Turn off the ioeventfd fast path (see --fast-paths).")
    boolean noIoeventfd;

    @Option(names = "--no-irqfd", description = "Turn off the irqfd fast path (see --fast-paths).")
    boolean noIrqfd;

    @Option(names = "--no-coalesced-mmio", description = "Turn off the coalesced-MMIO fast path (see --fast-paths).")
    boolean noCoalescedMmio;

    @Option(names = {"-v", "--verbose"}, description = "Log debug detail to stderr. Example: -v")
    boolean verbose;

    @Override
    public Integer call() {
        Logging.setVerbose(verbose);
        return new VmRunner(config()).run();
    }

    VmConfig config() {
        if (cpus < 1 || cpus > 64) throw new VmmException("--cpus " + cpus + ": expected 1 to 64");
        long memoryBytes = MemorySize.parse("--memory", memory);
        if (memoryBytes < (32L << 20)) throw new VmmException("--memory " + memory + ": at least 32M is needed");
        if (run != null && kernel != null) {
            throw new VmmException("--run works with the default guest only; with --kernel, pass your own init's parameters in --append");
        }
        List<DiskSpec> diskSpecs = disks.stream().map(DiskSpec::parse).toList();
        List<NicSpec> nicSpecs = nics.stream().map(NicSpec::parse).toList();
        return new VmConfig(Optional.ofNullable(kernel), Optional.ofNullable(initrd), append,
                Optional.ofNullable(run), memoryBytes, cpus, accel, diskSpecs, nicSpecs,
                ConsoleSpec.parse(console), Optional.ofNullable(statsJson), fastPaths());
    }

    /** --fast-paths, then the --no-* switches, which turn single fast paths off. */
    FastPaths fastPaths() {
        FastPaths paths = FastPaths.parse(fastPaths);
        if (noIoeventfd) paths = paths.withoutIoeventfd();
        if (noIrqfd) paths = paths.withoutIrqfd();
        if (noCoalescedMmio) paths = paths.withoutCoalescedMmio();
        return paths;
    }
}
