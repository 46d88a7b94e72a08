package dev.jkvm.bindings.kvm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The _IOC encoding against request numbers known from the kernel ABI, without needing a compiler. */
class IoctlEncodingTest {
    @Test
    void encodesDirectionSizeTypeAndNumber() {
        assertEquals(0xAE01, Kvm_h.KVM_CREATE_VM());
        assertEquals(0xAE80, Kvm_h.KVM_RUN());
        assertEquals(0x8090AE81L, Kvm_h.KVM_GET_REGS());
        assertEquals(0x4090AE82L, Kvm_h.KVM_SET_REGS());
        assertEquals(0x4020AE46L, Kvm_h.KVM_SET_USER_MEMORY_REGION());
        assertEquals(0xC008AE05L, Kvm_h.KVM_GET_SUPPORTED_CPUID());
        assertEquals(0x4008AE48L, Kvm_h.KVM_SET_IDENTITY_MAP_ADDR());
        assertEquals(0x8138AE83L, Kvm_h.KVM_GET_SREGS());
    }

    @Test
    void rejectsSizesBeyondFourteenBits() {
        assertThrows(IllegalArgumentException.class, () -> Kvm_h._IOW(0xAE, 1, 1 << 14));
    }
}
