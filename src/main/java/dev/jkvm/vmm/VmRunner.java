package dev.jkvm.vmm;

import dev.jkvm.VmmException;
import dev.jkvm.config.VmConfig;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.loader.KernelImage;
import dev.jkvm.loader.KernelImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

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
        KernelImage kernel = KernelImages.open(boot.kernel(), cache.derivedDir());
        log.debug("kernel {}: {}", boot.kernel(), kernel.describe());
        throw new VmmException("no CPU backend can run guests yet: the KVM accelerator and the software CPU "
                + "are being built (issues 4 and 6)");
    }

    private BootFiles resolveBootFiles() {
        if (config.kernel().isPresent()) {
            Path kernel = config.kernel().get();
            requireReadable("--kernel", kernel);
            config.initrd().ifPresent(p -> requireReadable("--initrd", p));
            return new BootFiles(kernel, config.initrd().orElse(null));
        }
        GuestCache.DefaultGuest guest = cache.current();
        return new BootFiles(guest.kernel(), config.initrd().orElse(guest.initramfs()));
    }

    private static void requireReadable(String option, Path file) {
        if (!Files.exists(file)) throw new VmmException(option + " " + file + ": no such file");
        if (!Files.isRegularFile(file)) throw new VmmException(option + " " + file + ": not a regular file");
        if (!Files.isReadable(file)) throw new VmmException(option + " " + file + ": permission denied");
    }

    private record BootFiles(Path kernel, Path initrd) {}
}
