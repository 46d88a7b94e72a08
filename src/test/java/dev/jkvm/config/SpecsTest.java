package dev.jkvm.config;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecsTest {
    @Test
    void diskSpecs() {
        DiskSpec d = DiskSpec.parse("disk.qcow2,if=ide,format=qcow2,readonly=on");
        assertEquals(new DiskSpec(Path.of("disk.qcow2"), DiskSpec.Interface.IDE, DiskSpec.Format.QCOW2, true, false), d);
        assertTrue(DiskSpec.parse("a.img,if=ide,pio=on").forcePio());
        assertThrows(VmmException.class, () -> DiskSpec.parse("a.img,pio=on"));
        assertEquals(DiskSpec.Interface.VIRTIO, DiskSpec.parse("a.img").iface());
        assertTrue(assertThrows(VmmException.class, () -> DiskSpec.parse("a.img,bus=ide")).getMessage().contains("unknown key 'bus'"));
        assertThrows(VmmException.class, () -> DiskSpec.parse("a.img,readonly=yes"));
        assertThrows(VmmException.class, () -> DiskSpec.parse(",if=ide"));
        assertThrows(VmmException.class, () -> DiskSpec.parse("a.img,if=ide,if=virtio"));
    }

    @Test
    void nicSpecs() {
        assertEquals(NicSpec.Backend.USER, NicSpec.parse("model=e1000").backend());
        NicSpec tap = NicSpec.parse("model=virtio,net=tap:tap0");
        assertEquals("tap0", tap.tapName().orElseThrow());
        assertThrows(VmmException.class, () -> NicSpec.parse("net=user"));
        assertThrows(VmmException.class, () -> NicSpec.parse("model=rtl8139"));
        assertThrows(VmmException.class, () -> NicSpec.parse("model=virtio,net=tap:"));
        assertThrows(VmmException.class, () -> NicSpec.parse("model=virtio,net=tap:averyveryverylongname"));
    }

    @Test
    void sizesAndConsoles() {
        assertEquals(512L << 20, MemorySize.parse("--memory", "512M"));
        assertEquals(2L << 30, MemorySize.parse("--memory", "2G"));
        assertEquals(2L << 30, MemorySize.parse("--memory", "2GiB"));
        assertEquals(4096, MemorySize.parse("--memory", "4096"));
        assertThrows(VmmException.class, () -> MemorySize.parse("--memory", "-1M"));
        assertThrows(VmmException.class, () -> MemorySize.parse("--memory", "lots"));
        assertEquals(ConsoleSpec.Kind.FILE, ConsoleSpec.parse("file:/tmp/x").kind());
        assertThrows(VmmException.class, () -> ConsoleSpec.parse("tty"));
    }
}
