package dev.jkvm.kvm;

import dev.jkvm.bindings.libc.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class KvmAvailabilityTest {
    @Test
    void reportsAMissingDevNodeOnThisMachine() {
        assumeFalse(Files.exists(Kvm.DEVICE), "this host has /dev/kvm");
        KvmAvailability availability = KvmAvailability.probe();
        assertFalse(availability.usable());
        assertTrue(availability.reason().startsWith("/dev/kvm does not exist"), availability.reason());
    }

    @Test
    void reportsAMissingDevice(@TempDir Path dir) {
        KvmAvailability availability = KvmAvailability.probe(dir.resolve("kvm"), KvmAvailability.REQUIRED);
        assertFalse(availability.usable());
        assertTrue(availability.reason().contains("does not exist"), availability.reason());
    }

    @Test
    void reportsADeviceThatIsNotKvm() {
        KvmAvailability availability = KvmAvailability.probe(Path.of("/dev/null"), Set.of());
        assertFalse(availability.usable());
        assertEquals("/dev/null is not a KVM device (KVM_GET_API_VERSION failed: ENOTTY (inappropriate ioctl for device))",
                availability.reason());
    }

    /** Root opens any file, so the open failure is made up rather than provoked. */
    @Test
    void reportsMissingPermission() {
        Path device = Path.of("/dev/kvm");
        String reason = KvmAvailability.explain(device, new KvmException("open " + device, Libc.EACCES));
        assertTrue(reason.startsWith("no permission to open /dev/kvm"), reason);
        assertTrue(KvmAvailability.explain(device, new KvmException("open", Libc.EPERM)).startsWith("no permission"));
    }
}
