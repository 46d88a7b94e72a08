package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelModulesTest {
    @TempDir
    Path root;

    @Test
    void findsPlainAndXzModulesWithDashesAndUnderscoresAlike() throws IOException {
        plain("drivers/scsi/sd_mod.ko", "depends=scsi_mod,t10-pi", "name=sd_mod");
        plain("drivers/scsi/scsi_mod.ko", "depends=", "name=scsi_mod");
        byte[] t10pi = xz("block/t10-pi.ko.xz", "depends=crc-t10dif", "name=t10_pi");
        xz("lib/crc-t10dif.ko.xz", "depends=", "name=crc_t10dif");

        KernelModules modules = KernelModules.scan(root);

        assertEquals(List.of("scsi_mod", "crc_t10dif", "t10_pi", "sd_mod"), modules.loadOrder(List.of("sd-mod")));
        assertArrayEquals(t10pi, modules.object("t10_pi"));
    }

    @Test
    void aMissingDependencyIsNamed() throws IOException {
        plain("drivers/net/virtio_net.ko", "depends=net_failover", "name=virtio_net");

        VmmException e = assertThrows(VmmException.class, () -> KernelModules.scan(root).loadOrder(List.of("virtio_net")));

        assertTrue(e.getMessage().startsWith("kernel module net_failover not found under "), e.getMessage());
    }

    @Test
    void aTreeWithoutModulesIsAnError() throws IOException {
        Files.writeString(root.resolve("README"), "no modules here");

        assertThrows(VmmException.class, () -> KernelModules.scan(root));
    }

    private void plain(String path, String... modinfo) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, SyntheticModule.withModinfo(modinfo));
    }

    private byte[] xz(String path, String... modinfo) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        byte[] elf = SyntheticModule.withModinfo(modinfo);
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
            out.write(elf);
        }
        return elf;
    }
}
