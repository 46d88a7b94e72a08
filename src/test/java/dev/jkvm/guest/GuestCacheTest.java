package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestCacheTest {
    @TempDir
    Path root;

    @Test
    void installReplacesAnOlderBuildAndMarksItCurrent() throws IOException {
        GuestCache cache = new GuestCache(root);
        assertThrows(VmmException.class, cache::current);

        cache.install(stage(cache, "old"), "6.1.0-50-amd64");
        GuestCache.DefaultGuest guest = cache.install(stage(cache, "new"), "6.1.0-50-amd64");

        assertEquals("6.1.0-50-amd64", guest.kernelVersion());
        assertEquals("new", Files.readString(guest.kernel()));
        assertEquals(root.resolve("guest/6.1.0-50-amd64/initramfs.cpio.gz"), guest.initramfs());
        try (Stream<Path> entries = Files.list(root.resolve("guest"))) {
            assertEquals(List.of("6.1.0-50-amd64", "current"), entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging or old directories are left");
        }
    }

    @Test
    void manifestRoundTripsAndComparesInputsOnly() throws IOException {
        GuestManifest built = new GuestManifest("6.1.0-50-amd64", "linux-image-6.1.0-50-amd64 6.1.176-1",
                "busybox-static 1:1.35.0-4", "ab12", List.of("ata_piix"), List.of("libata", "ata_piix"));
        Path file = root.resolve("manifest");
        built.write(file);

        GuestManifest read = GuestManifest.read(file).orElseThrow();

        assertEquals(built, read);
        assertTrue(read.sameInputs(new GuestManifest("6.1.0-50-amd64", "linux-image-6.1.0-50-amd64 6.1.176-1",
                "busybox-static 1:1.35.0-4", "ab12", List.of("ata_piix"), List.of())));
        assertFalse(read.sameInputs(new GuestManifest("6.1.0-50-amd64", "linux-image-6.1.0-50-amd64 6.1.177-1",
                "busybox-static 1:1.35.0-4", "ab12", List.of("ata_piix"), List.of())));
        assertTrue(GuestManifest.read(root.resolve("missing")).isEmpty());
    }

    private static Path stage(GuestCache cache, String content) throws IOException {
        Path staging = cache.createStagingDir("6.1.0-50-amd64");
        Files.writeString(staging.resolve(GuestCache.KERNEL), content);
        Files.writeString(staging.resolve(GuestCache.INITRAMFS), content);
        return staging;
    }
}
