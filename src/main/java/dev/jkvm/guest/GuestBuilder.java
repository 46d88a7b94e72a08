package dev.jkvm.guest;

import dev.jkvm.VmmException;
import dev.jkvm.guest.DebianPackages.Package;
import dev.jkvm.guest.GuestCache.DefaultGuest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the default guest from Debian's packages: the kernel of the current linux-image-amd64, the
 * drivers for jkvm's devices with their dependencies, static busybox and jkvm's /init.
 */
public final class GuestBuilder {
    private static final Logger log = LoggerFactory.getLogger(GuestBuilder.class);

    private static final String KERNEL_METAPACKAGE = "linux-image-amd64";
    private static final String KERNEL_PACKAGE_PREFIX = "linux-image-";
    private static final String BUSYBOX_PACKAGE = "busybox-static";
    /** Drivers for the devices jkvm emulates: IDE disks (ata_piix, sd_mod), e1000, virtio-pci block and net. */
    public static final List<String> MODULES = List.of("ata_piix", "sd_mod", "e1000", "virtio_pci", "virtio_blk", "virtio_net");

    private final GuestCache cache;
    private final DebianPackages packages;
    private final Path workParent;

    /** @param workParent where the downloads and unpacked packages go, in a directory deleted after the build */
    public GuestBuilder(GuestCache cache, DebianPackages packages, Path workParent) {
        this.cache = cache;
        this.packages = packages;
        this.workParent = workParent;
    }

    /** Builds the guest and marks it current; unless forced, returns at once when the current guest has the same inputs. */
    public DefaultGuest build(boolean force) throws IOException {
        packages.requireTools();
        String kernelPackageName = packages.dependencyOf(KERNEL_METAPACKAGE, KERNEL_PACKAGE_PREFIX);
        String kernelVersion = kernelPackageName.substring(KERNEL_PACKAGE_PREFIX.length());
        List<Package> described = packages.describe(List.of(kernelPackageName, BUSYBOX_PACKAGE));
        Package kernel = described.get(0);
        Package busybox = described.get(1);
        byte[] init = InitramfsBuilder.initScript();
        GuestManifest planned = new GuestManifest(kernelVersion, label(kernel), label(busybox),
                GuestManifest.sha256(init), MODULES, List.of());

        if (!force) {
            Optional<DefaultGuest> built = upToDate(planned);
            if (built.isPresent()) {
                log.info("the default guest {} is up to date in {} (jkvm guest build --force rebuilds it)",
                        kernelVersion, built.get().kernel().getParent());
                return built.get();
            }
        }
        Files.createDirectories(workParent);
        try (ScratchDirectory work = new ScratchDirectory(Files.createTempDirectory(workParent, "jkvm-guest-build"));
             ScratchDirectory staging = new ScratchDirectory(cache.createStagingDir(kernelVersion))) {
            Path kernelTree = unpack(kernel, work.path(), "./boot/vmlinuz-*", "*/lib/modules/*/kernel/*");
            Path busyboxTree = unpack(busybox, work.path(), "./bin/busybox");
            Path vmlinuz = kernelTree.resolve("boot").resolve("vmlinuz-" + kernelVersion);
            if (!Files.isRegularFile(vmlinuz)) throw new VmmException(kernel.name() + " has no boot/vmlinuz-" + kernelVersion);

            KernelModules modules = KernelModules.ofPackage(kernelTree, kernelVersion);
            List<String> order = modules.loadOrder(MODULES);
            log.info("resolving module order: {}", String.join(" ", order));
            List<InitramfsBuilder.Module> objects = order.stream().map(m -> new InitramfsBuilder.Module(m, modules.object(m))).toList();

            log.info("writing initramfs ({} modules, busybox {})", order.size(), busybox.version());
            InitramfsBuilder.write(staging.path().resolve(GuestCache.INITRAMFS), init,
                    Files.readAllBytes(busyboxTree.resolve("bin").resolve("busybox")), objects);
            Files.copy(vmlinuz, staging.path().resolve(GuestCache.KERNEL));
            new GuestManifest(kernelVersion, planned.kernelPackage(), planned.busyboxPackage(), planned.initSha256(), MODULES, order)
                    .write(staging.path().resolve(GuestCache.MANIFEST));

            DefaultGuest guest = cache.install(staging.path(), kernelVersion);
            log.info("the default guest {} is ready: {} and {}", kernelVersion, guest.kernel(), guest.initramfs());
            return guest;
        }
    }

    /** Downloads the package into work and unpacks the members matching the wildcards into a directory of their own. */
    private Path unpack(Package pkg, Path work, String... wildcards) throws IOException {
        log.info("downloading {} {} ({})", pkg.name(), pkg.version(), megabytes(pkg.size()));
        Path deb = packages.download(pkg, work);
        log.info("extracting {}", String.join(" ", wildcards));
        Path tree = Files.createDirectory(work.resolve(pkg.name()));
        packages.extract(deb, tree, List.of(wildcards));
        return tree;
    }

    /** The current guest if it was built from the planned inputs. */
    private Optional<DefaultGuest> upToDate(GuestManifest planned) throws IOException {
        if (!cache.currentVersion().equals(Optional.of(planned.kernelVersion()))) return Optional.empty();
        Optional<GuestManifest> manifest = GuestManifest.read(cache.guestDir(planned.kernelVersion()).resolve(GuestCache.MANIFEST));
        if (manifest.isEmpty() || !manifest.get().sameInputs(planned)) return Optional.empty();
        try {
            return Optional.of(cache.current());
        } catch (VmmException incomplete) {
            return Optional.empty();
        }
    }


    private static String label(Package pkg) {
        return pkg.name() + " " + pkg.version();
    }

    private static String megabytes(long bytes) {
        return "%.1f MB".formatted(bytes / 1e6);
    }
}
