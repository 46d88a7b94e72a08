package dev.jkvm.sys;

import dev.jkvm.kvm.KvmException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrnoTest {
    @Test
    void namesKnownErrnosAndNumbersTheRest() {
        assertEquals("EACCES (permission denied)", Errno.describe(13));
        assertEquals("E2BIG (argument list too long)", Errno.describe(7));
        assertEquals("errno 4095", Errno.describe(4095));
    }

    @Test
    void kvmExceptionNamesTheIoctlAndTheErrno() {
        KvmException e = new KvmException("KVM_CREATE_VM", 13);
        assertEquals("KVM_CREATE_VM failed: EACCES (permission denied)", e.getMessage());
        assertEquals(13, e.errno());
    }
}
