package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** One --disk: FILE[,if=ide|virtio][,format=raw|qcow2][,readonly=on]. */
public record DiskSpec(Path file, Interface iface, Format format, boolean readOnly) {
    public enum Interface { IDE, VIRTIO }

    public enum Format { RAW, QCOW2 }

    public static DiskSpec parse(String spec) {
        Map<String, String> kv = SpecParser.parse("--disk", spec, true, Set.of("if", "format", "readonly"));
        Interface iface = SpecParser.choice("--disk", "if", kv.getOrDefault("if", "virtio"), Interface.class);
        Format format = SpecParser.choice("--disk", "format", kv.getOrDefault("format", "raw"), Format.class);
        String ro = kv.getOrDefault("readonly", "off");
        if (!ro.equals("on") && !ro.equals("off")) {
            throw new VmmException("--disk '" + spec + "': readonly must be on or off");
        }
        return new DiskSpec(Path.of(kv.get("")), iface, format, ro.equals("on"));
    }
}
