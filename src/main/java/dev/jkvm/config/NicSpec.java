package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One --nic: model=e1000|virtio[,net=user|tap:IFNAME]. */
public record NicSpec(Model model, Backend backend, Optional<String> tapName) {
    public enum Model { E1000, VIRTIO }

    public enum Backend { USER, TAP }

    public static NicSpec parse(String spec) {
        Map<String, String> kv = SpecParser.parse("--nic", spec, false, Set.of("model", "net"));
        if (!kv.containsKey("model")) throw new VmmException("--nic '" + spec + "': model=e1000|virtio is required");
        Model model = SpecParser.choice("--nic", "model", kv.get("model"), Model.class);
        String net = kv.getOrDefault("net", "user");
        if (net.equals("user")) return new NicSpec(model, Backend.USER, Optional.empty());
        if (net.startsWith("tap:") && net.length() > 4) {
            String name = net.substring(4);
            if (name.length() > 15) throw new VmmException("--nic '" + spec + "': TAP interface names have at most 15 characters");
            return new NicSpec(model, Backend.TAP, Optional.of(name));
        }
        throw new VmmException("--nic '" + spec + "': net must be user or tap:IFNAME");
    }
}
