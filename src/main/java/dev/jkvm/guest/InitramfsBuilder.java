package dev.jkvm.guest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * The default guest's initramfs: static busybox, jkvm's /init, and kernel modules with the order to
 * load them in (/etc/jkvm/modules, one name per line, read by the init). Written as gzip-compressed cpio.
 */
public final class InitramfsBuilder {
    private static final String INIT_RESOURCE = "init";
    private static final List<String> DIRECTORIES = List.of(
            "bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc", "sys", "etc", "etc/jkvm", "lib", "lib/modules", "run");

    /** A kernel module as it goes into the initramfs: its canonical name and its uncompressed ELF object. */
    public record Module(String name, byte[] object) {}

    private InitramfsBuilder() {}

    /** jkvm's /init script, from the resource dev/jkvm/guest/init. */
    public static byte[] initScript() {
        try (InputStream in = InitramfsBuilder.class.getResourceAsStream(INIT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource dev/jkvm/guest/init is missing from the build");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the initramfs to target; init is the /init script, modules are listed in load order. */
    public static void write(Path target, byte[] init, byte[] busybox, List<Module> modules) throws IOException {
        try (CpioNewcWriter cpio = new CpioNewcWriter(new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(target)), 1 << 16))) {
            for (String directory : DIRECTORIES) cpio.directory(directory, 0755);
            cpio.directory("root", 0700);
            cpio.directory("tmp", 01777);
            // The kernel opens /dev/console for init before devtmpfs is mounted.
            cpio.characterDevice("dev/console", 0600, 5, 1);
            cpio.characterDevice("dev/null", 0666, 1, 3);
            cpio.file("bin/busybox", 0755, busybox);
            cpio.symlink("bin/sh", "busybox");
            cpio.file("init", 0755, init);
            for (Module module : modules) cpio.file("lib/modules/" + module.name() + ".ko", 0644, module.object());
            String order = modules.stream().map(m -> m.name() + "\n").collect(Collectors.joining());
            cpio.file("etc/jkvm/modules", 0644, order.getBytes(StandardCharsets.UTF_8));
        }
    }
}
