package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** One --disk: FILE[,if=ide|virtio][,format=raw|qcow2][,readonly=on][,pio=on]. pio=on keeps an IDE disk off DMA. */
public record DiskSpec(Path file, Interface iface, Format format, boolean readOnly, boolean forcePio) {
    public enum Interface { IDE, VIRTIO }

    public enum Format { RAW, QCOW2 }

    public static DiskSpec parse(String spec) {
        Map<String, String> kv = SpecParser.parse("--disk", spec, true, Set.of("if", "format", "readonly", "pio"));
        Interface iface = SpecParser.choice("--disk", "if", kv.getOrDefault("if", "virtio"), Interface.class);
        Format format = SpecParser.choice("--disk", "format", kv.getOrDefault("format", "raw"), Format.class);
        boolean readOnly = onOff(spec, "readonly", kv);
        boolean forcePio = onOff(spec, "pio", kv);
        if (forcePio && iface != Interface.IDE) throw new VmmException("--disk '" + spec + "': pio=on needs if=ide");
        return new DiskSpec(Path.of(kv.get("")), iface, format, readOnly, forcePio);
    }

    private static boolean onOff(String spec, String key, Map<String, String> kv) {
        String value = kv.getOrDefault(key, "off");
        if (!value.equals("on") && !value.equals("off")) throw new VmmException("--disk '" + spec + "': " + key + " must be on or off");
        return value.equals("on");
    }
}
