package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The module files of an unpacked kernel package (lib/modules/&lt;version&gt;/kernel), found by module name.
 * Files are .ko or .ko.xz; names compare with '-' and '_' as equal, as the kernel does.
 */
public final class KernelModules {
    private static final String PLAIN = ".ko";
    private static final String XZ = ".ko.xz";

    private final Path root;
    private final Map<String, Path> files;
    private final Map<String, ModInfo> infos = new HashMap<>();

    private KernelModules(Path root, Map<String, Path> files) {
        this.root = root;
        this.files = files;
    }

    /** The modules of an unpacked kernel package: Debian 12 ships them under /lib/modules, later releases under /usr/lib/modules. */
    public static KernelModules ofPackage(Path kernelTree, String kernelVersion) {
        return scan(Stream.of("lib/modules", "usr/lib/modules")
                .map(dir -> kernelTree.resolve(dir).resolve(kernelVersion).resolve("kernel"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new VmmException("the kernel package has no lib/modules/" + kernelVersion + "/kernel")));
    }

    /** Indexes every module file under root. */
    public static KernelModules scan(Path root) {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).sorted().forEach(file -> {
                String fileName = file.getFileName().toString();
                String suffix = fileName.endsWith(XZ) ? XZ : fileName.endsWith(PLAIN) ? PLAIN : null;
                if (suffix != null) files.putIfAbsent(canonicalName(fileName.substring(0, fileName.length() - suffix.length())), file);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) throw new VmmException("no kernel modules (.ko or .ko.xz) under " + root);
        return new KernelModules(root, files);
    }

    /** A module name as the kernel compares it: crc-t10dif and crc_t10dif are the same module. */
    public static String canonicalName(String name) {
        return name.replace('-', '_');
    }

    /** The wanted modules and their dependencies, in an order insmod can load them in. */
    public List<String> loadOrder(List<String> wanted) {
        return ModuleOrder.resolve(wanted.stream().map(KernelModules::canonicalName).toList(),
                module -> info(module).depends().stream().map(KernelModules::canonicalName).toList());
    }

    /** The module's ELF object, decompressed. */
    public byte[] object(String name) {
        Path file = file(name);
        try (InputStream in = Files.newInputStream(file);
             InputStream object = file.toString().endsWith(XZ) ? new XZInputStream(in) : in) {
            return object.readAllBytes();
        } catch (IOException e) {
            throw new VmmException("cannot read kernel module " + file + ": " + e.getMessage(), e);
        }
    }

    private ModInfo info(String name) {
        return infos.computeIfAbsent(name, n -> ModInfo.parse(object(n), file(n).toString()));
    }

    private Path file(String name) {
        Path file = files.get(canonicalName(name));
        if (file == null) throw new VmmException("kernel module " + name + " not found under " + root);
        return file;
    }
}
