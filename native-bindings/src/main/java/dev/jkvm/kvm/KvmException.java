package dev.jkvm.kvm;

import dev.jkvm.sys.NativeException;

/** A failed KVM call, named by its ioctl (or by the open of the device), e.g. "KVM_CREATE_VM failed: EACCES (...)". */
public class KvmException extends NativeException {
    public KvmException(String call, int errno) {
        super(call, errno);
    }
}
