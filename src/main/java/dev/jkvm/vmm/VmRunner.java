package dev.jkvm.vmm;

import dev.jkvm.VmmException;
import dev.jkvm.accel.Accelerator;
import dev.jkvm.accel.AcceleratorSelector;
import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.boot.BootCpuState;
import dev.jkvm.boot.LinuxBoot;
import dev.jkvm.cli.ExitStatus;
import dev.jkvm.config.ConsoleSpec;
import dev.jkvm.config.VmConfig;
import dev.jkvm.console.Console;
import dev.jkvm.console.ExitLineWatcher;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.loader.KernelImage;
import dev.jkvm.loader.KernelImages;
import dev.jkvm.machine.Machine;
import dev.jkvm.machine.Peripherals;
import dev.jkvm.machine.PlatformDevices;
import dev.jkvm.boot.MpTable;
import dev.jkvm.machine.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** `jkvm run`: from a validated configuration to a guest's exit status. */
public final class VmRunner {
    private static final Logger log = LoggerFactory.getLogger(VmRunner.class);

    private final VmConfig config;
    private final GuestCache cache;

    public VmRunner(VmConfig config) {
        this(config, GuestCache.fromEnvironment());
    }

    public VmRunner(VmConfig config, GuestCache cache) {
        this.config = config;
        this.cache = cache;
    }

    public int run() {
        BootFiles boot = resolveBootFiles();
        try (KernelImage kernel = KernelImages.open(boot.kernel(), cache.derivedDir());
             Accelerator accel = AcceleratorSelector.select(config.accel());
             Machine machine = new Machine(config.memoryBytes(), config.cpus())) {
            log.debug("kernel {}: {}", boot.kernel(), kernel.describe());
            return boot(kernel, boot, accel, machine);
        }
    }

    private int boot(KernelImage kernel, BootFiles boot, Accelerator accel, Machine machine) {
        // The --run status ends the VM at once: nothing after it matters, and the reset may lose the line.
        boolean batch = config.runCommand().isPresent();
        ExitLineWatcher watcher = new ExitLineWatcher(
                status -> { if (batch) machine.lifecycle().requestStop(StopReason.guestExit(status)); },
                () -> log.debug("the guest is ready"));
        try (Console console = new Console(config.console(), watcher, config.runCommand().isEmpty())) {
            machine.setFastPaths(config.fastPaths());
            InterruptRouter irq = accel.createVm(machine);
            machine.setDeviceFastPaths(accel.deviceFastPaths());
            PlatformDevices platform = PlatformDevices.attach(machine, irq, accel.clock(), console, console::drainInput);
            List<MpTable.PciInterrupt> pciInterrupts = Peripherals.attach(machine, platform, irq, accel.clock(), config.disks(), config.nics());
            String cmdline = KernelCommandLine.build(accel.kernelParameters(), config.runCommand(), config.append(), boot.defaultGuest());
            LinuxBoot.Placement placement = LinuxBoot.load(machine.memory(), machine.layout(), kernel,
                    Optional.ofNullable(boot.initrd()), cmdline, config.cpus(), pciInterrupts, BootCpuState.EntryMode.PVH_32);

            List<Vcpu> vcpus = new ArrayList<>();
            for (int i = 0; i < config.cpus(); i++) vcpus.add(accel.createVcpu(i));
            vcpus.getFirst().setBootState(placement.cpu());
            machine.lifecycle().onStop(() -> vcpus.forEach(Vcpu::kick));
            // Keyboard input belongs to interactive sessions; a --run command reads nothing from stdin.
            if (!batch && config.console().kind() == ConsoleSpec.Kind.STDIO) {
                console.attachInput(System.in, platform.serial()::receive,
                        () -> machine.lifecycle().requestStop(StopReason.hostQuit("Ctrl-A X")),
                        () -> console.message(ExitStatistics.toJson(accel.name(), machine, vcpus)));
            }
            Thread sigterm = new Thread(() -> machine.lifecycle().requestStop(StopReason.hostQuit("signalled")));
            Runtime.getRuntime().addShutdownHook(sigterm);

            List<Thread> threads = new ArrayList<>();
            for (Vcpu v : vcpus) threads.add(Thread.ofPlatform().name("vcpu-" + v.index()).start(() -> runVcpu(v, machine)));
            StopReason reason = awaitStop(machine);
            for (Thread t : threads) join(t);
            console.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(sigterm);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            config.statsJson().ifPresent(file -> writeStats(file, ExitStatistics.toJson(accel.name(), machine, vcpus)));
            vcpus.forEach(Vcpu::close);
            return exitStatus(reason, watcher);
        }
    }

    private static void runVcpu(Vcpu vcpu, Machine machine) {
        try {
            vcpu.run();
        } catch (Throwable e) {
            // Whatever kills a vCPU thread stops the VM; otherwise the others would run on without it.
            log.debug("vCPU {} failed", vcpu.index(), e);
            machine.lifecycle().requestStop(StopReason.error("vCPU " + vcpu.index() + " failed: " + e));
        } finally {
            if (!machine.lifecycle().stopping()) {
                machine.lifecycle().requestStop(StopReason.error("vCPU " + vcpu.index() + " stopped unexpectedly"));
            }
        }
    }

    private static StopReason awaitStop(Machine machine) {
        try {
            return machine.lifecycle().awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StopReason.hostQuit("interrupted");
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int exitStatus(StopReason reason, ExitLineWatcher watcher) {
        log.debug("stopped: {}", reason.detail());
        return switch (reason.kind()) {
            case ERROR -> throw new VmmException(reason.detail());
            case GUEST_EXIT -> reason.status();
            case RESET -> {
                if (watcher.panic().isPresent()) throw new VmmException("the guest kernel panicked: " + watcher.panic().get());
                yield watcher.status().orElse(ExitStatus.OK);
            }
            case HOST_QUIT -> ExitStatus.OK;
        };
    }

    private static void writeStats(Path file, String json) {
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BootFiles resolveBootFiles() {
        if (config.kernel().isPresent()) {
            Path kernel = config.kernel().get();
            requireReadable("--kernel", kernel);
            config.initrd().ifPresent(p -> requireReadable("--initrd", p));
            return new BootFiles(kernel, config.initrd().orElse(null), false);
        }
        GuestCache.DefaultGuest guest = cache.current();
        return new BootFiles(guest.kernel(), config.initrd().orElse(guest.initramfs()), true);
    }

    private static void requireReadable(String option, Path file) {
        if (!Files.exists(file)) throw new VmmException(option + " " + file + ": no such file");
        if (!Files.isRegularFile(file)) throw new VmmException(option + " " + file + ": not a regular file");
        if (!Files.isReadable(file)) throw new VmmException(option + " " + file + ": permission denied");
    }

    private record BootFiles(Path kernel, Path initrd, boolean defaultGuest) {}
}
