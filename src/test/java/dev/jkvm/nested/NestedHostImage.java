package dev.jkvm.nested;

import dev.jkvm.VmmException;
import dev.jkvm.guest.CpioNewcReader;
import dev.jkvm.guest.DebianPackages;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.guest.InitramfsBuilder;
import dev.jkvm.guest.KernelModules;
import dev.jkvm.loader.KernelImage;
import dev.jkvm.loader.KernelImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The first-level (L1) guest of the KVM test lane: the default guest's kernel, and an initramfs with the
 * default guest's busybox, the modules for KVM (kvm_amd and its depends), 9p over virtio-pci, and
 * src/test/nested/l1-init.sh as /init. The modules come from the same Debian kernel package the default
 * guest was built from (the default guest keeps only its device drivers).
 *
 * <p>Cached in $JKVM_CACHE/nested/&lt;kernel-version&gt;/ (default ~/.cache/jkvm); rebuilt when the
 * init script, the module list or the default guest's initramfs change.
 *
 * <p>Run as a program it prints two lines, the kernel and the initramfs: {@code java ... NestedHostImage [INIT]}.
 */
public final class NestedHostImage {
    /** KVM for AMD (kvm_amd needs kvm, ccp, irqbypass...), 9p over virtio (needs virtio_pci for the transport). */
    public static final List<String> MODULES = List.of("virtio_pci", "9pnet_virtio", "9p", "kvm_amd");
    public static final String INITRAMFS = "l1-initramfs.cpio.gz";
    private static final String INPUTS = "inputs";

    public record Image(String kernelVersion, Path kernel, Path initramfs) {}

    private NestedHostImage() {}

    public static void main(String[] args) throws IOException {
        Path init = args.length > 0 ? Path.of(args[0]) : defaultInitScript();
        Image image = ensure(GuestCache.fromEnvironment(), init, System.err::println);
        System.out.println(image.kernel());
        System.out.println(image.initramfs());
    }

    /** src/test/nested/l1-init.sh of the project ($JKVM_PROJECT_ROOT, else the working directory or its parent). */
    public static Path defaultInitScript() {
        String root = System.getenv("JKVM_PROJECT_ROOT");
        List<Path> candidates = root != null ? List.of(Path.of(root)) : List.of(Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath().getParent());
        for (Path dir : candidates) {
            Path init = dir.resolve("src/test/nested/l1-init.sh");
            if (Files.isRegularFile(init)) return init;
        }
        throw new VmmException("src/test/nested/l1-init.sh not found (set JKVM_PROJECT_ROOT to the project)");
    }

    /** The L1 image for the current default guest, built if missing or stale. */
    public static Image ensure(GuestCache cache, Path initScript, java.util.function.Consumer<String> progress) throws IOException {
        GuestCache.DefaultGuest guest = cache.current();
        String version = guest.kernelVersion();
        byte[] init = Files.readAllBytes(initScript);
        Path dir = cache.root().resolve("nested").resolve(version);
        Path initramfs = dir.resolve(INITRAMFS);
        String inputs = "kernel-version=" + version + "\n"
                + "default-initramfs-sha256=" + sha256(Files.readAllBytes(guest.initramfs())) + "\n"
                + "init-sha256=" + sha256(init) + "\n"
                + "modules=" + String.join(" ", MODULES) + "\n";
        Path stamp = dir.resolve(INPUTS);
        if (Files.isRegularFile(initramfs) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(inputs)) {
            predecompress(cache, guest.kernel());
            return new Image(version, guest.kernel(), initramfs);
        }

        progress.accept("building the L1 initramfs for kernel " + version + " in " + dir);
        byte[] busybox = busyboxOf(guest.initramfs());
        DebianPackages packages = DebianPackages.fromEnvironment();
        packages.requireTools();
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "work");
        try {
            DebianPackages.Package kernel = packages.describe(List.of("linux-image-" + version)).getFirst();
            progress.accept("downloading " + kernel.name() + " " + kernel.version() + " for its modules");
            Path deb = packages.download(kernel, work);
            Path tree = Files.createDirectory(work.resolve("tree"));
            packages.extract(deb, tree, List.of("*/lib/modules/*/kernel/*"));
            Files.delete(deb);
            KernelModules modules = KernelModules.ofPackage(tree, version);
            List<String> order = modules.loadOrder(MODULES);
            progress.accept("L1 modules: " + String.join(" ", order));
            List<InitramfsBuilder.Module> objects = order.stream()
                    .map(m -> new InitramfsBuilder.Module(m, modules.object(m))).toList();
            Path tmp = Files.createTempFile(dir, INITRAMFS, ".tmp");
            InitramfsBuilder.write(tmp, init, busybox, objects);
            Files.move(tmp, initramfs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(stamp, inputs);
        } finally {
            GuestCache.deleteTree(work);
        }
        predecompress(cache, guest.kernel());
        return new Image(version, guest.kernel(), initramfs);
    }

    /**
     * jkvm decompresses the bzImage payload once into the cache's derived directory; doing it here, on the
     * host, spares the L1 guest (where it is slow under TCG) and lets L1 share the cache read-only.
     */
    private static void predecompress(GuestCache cache, Path kernel) {
        try (KernelImage image = KernelImages.open(kernel, cache.derivedDir())) {
            image.describe();
        }
    }


    /** bin/busybox from the default guest's initramfs (gzip-compressed newc cpio). */
    static byte[] busyboxOf(Path initramfs) throws IOException {
        CpioNewcReader.Entry busybox = CpioNewcReader.readGzip(initramfs).get("bin/busybox");
        if (busybox == null) throw new VmmException(initramfs + " has no bin/busybox");
        return busybox.data();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
