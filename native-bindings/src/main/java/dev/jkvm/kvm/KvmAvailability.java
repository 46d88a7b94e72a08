package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.libc.Libc;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether this host can run jkvm's hardware path, and if not, why in words a user can act on
 * (the CLI's --accel auto logs it and falls back to the software CPU).
 */
public record KvmAvailability(boolean usable, String reason) {
    /** The extensions the KVM accelerator relies on without a fallback. */
    public static final Set<KvmCapability> REQUIRED = EnumSet.of(
            KvmCapability.IRQCHIP, KvmCapability.HLT, KvmCapability.USER_MEMORY, KvmCapability.SET_TSS_ADDR,
            KvmCapability.SET_IDENTITY_MAP_ADDR, KvmCapability.EXT_CPUID, KvmCapability.MP_STATE,
            KvmCapability.PIT2, KvmCapability.IRQ_ROUTING, KvmCapability.IRQFD, KvmCapability.IOEVENTFD,
            KvmCapability.SIGNAL_MSI, KvmCapability.IMMEDIATE_EXIT);

    public static KvmAvailability probe() {
        return probe(Kvm.DEVICE, REQUIRED);
    }

    public static KvmAvailability probe(Path device, Set<KvmCapability> required) {
        try (Kvm kvm = Kvm.open(device)) {
            int version = kvm.apiVersion();
            if (version != Kvm_h.KVM_API_VERSION()) {
                return unusable(device + " speaks KVM API version " + version + ", jkvm needs " + Kvm_h.KVM_API_VERSION());
            }
            List<String> missing = required.stream().filter(c -> !kvm.hasCapability(c)).map(KvmCapability::kvmName).toList();
            if (!missing.isEmpty()) return unusable("KVM on this host lacks " + String.join(", ", missing));
            return new KvmAvailability(true, device + " is usable (KVM API " + version + ")");
        } catch (KvmException e) {
            return unusable(explain(device, e));
        }
    }

    static String explain(Path device, KvmException e) {
        return switch (e.errno()) {
            case Libc.ENOENT -> device + " does not exist: load kvm_intel or kvm_amd, and enable VT-x/AMD-V"
                    + " (in firmware, or nested virtualization in the outer hypervisor)";
            case Libc.EACCES, Libc.EPERM -> "no permission to open " + device
                    + ": add this user to the group that owns it (usually kvm)";
            case Libc.ENOTTY -> device + " is not a KVM device (" + e.getMessage() + ")";
            default -> "cannot use " + device + ": " + e.getMessage();
        };
    }

    private static KvmAvailability unusable(String reason) {
        return new KvmAvailability(false, reason);
    }
}
