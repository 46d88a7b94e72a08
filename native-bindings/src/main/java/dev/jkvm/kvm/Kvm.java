package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_msr_list;
import dev.jkvm.bindings.libc.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The KVM subsystem, /dev/kvm: capabilities, host CPUID support, and VM creation. */
public final class Kvm implements AutoCloseable {
    public static final Path DEVICE = Path.of("/dev/kvm");

    /** KVM_GET_SUPPORTED_CPUID fails with E2BIG below the host's leaf count; the kernel caps it far below this. */
    private static final int MAX_CPUID_ENTRIES = 4096;

    private final OwnedFd fd;

    private Kvm(OwnedFd fd) {
        this.fd = fd;
    }

    public static Kvm open() {
        return open(DEVICE);
    }

    public static Kvm open(Path device) {
        return new Kvm(OwnedFd.open(device));
    }

    /** KVM_GET_API_VERSION: 12 on every kernel since 2.6.22. */
    public int apiVersion() {
        return Ioctl.call(fd.get(), "KVM_GET_API_VERSION", Kvm_h.KVM_GET_API_VERSION(), 0);
    }

    /** KVM_CHECK_EXTENSION: 0 if absent; otherwise 1 or a capability-specific value (e.g. a vCPU count). */
    public int checkExtension(KvmCapability capability) {
        return Ioctl.call(fd.get(), "KVM_CHECK_EXTENSION(" + capability.kvmName() + ")",
                Kvm_h.KVM_CHECK_EXTENSION(), capability.code());
    }

    public boolean hasCapability(KvmCapability capability) {
        return checkExtension(capability) > 0;
    }

    /** Size of each vCPU's mapping: kvm_run plus the PIO data and coalesced-MMIO pages. */
    public int vcpuMmapSize() {
        return Ioctl.call(fd.get(), "KVM_GET_VCPU_MMAP_SIZE", Kvm_h.KVM_GET_VCPU_MMAP_SIZE(), 0);
    }

    /** KVM_GET_SUPPORTED_CPUID: the leaves KVM can expose, to filter and hand to {@link VcpuFd#setCpuid2}. */
    public List<CpuidEntry> supportedCpuid() {
        for (int capacity = 256; ; capacity *= 2) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment cpuid = CpuidEntry.allocate(capacity, arena);
                int result = Ioctl.invoke(fd.get(), Kvm_h.KVM_GET_SUPPORTED_CPUID(), cpuid);
                if (result == -Libc.E2BIG && capacity < MAX_CPUID_ENTRIES) continue;
                Ioctl.check("KVM_GET_SUPPORTED_CPUID", result);
                return CpuidEntry.fromNative(cpuid);
            }
        }
    }

    /** KVM_GET_MSR_INDEX_LIST: the MSRs KVM saves and restores for a vCPU. */
    public List<Integer> msrIndexList() {
        try (Arena arena = Arena.ofConfined()) {
            // Asking with room for none makes KVM fail with E2BIG and report the count.
            MemorySegment probe = kvm_msr_list.allocate(arena);
            int result = Ioctl.invoke(fd.get(), Kvm_h.KVM_GET_MSR_INDEX_LIST(), probe);
            if (result != -Libc.E2BIG) Ioctl.check("KVM_GET_MSR_INDEX_LIST", result);
            int count = kvm_msr_list.nmsrs(probe);
            MemorySegment list = arena.allocate(kvm_msr_list.sizeof() + count * 4L, kvm_msr_list.layout().byteAlignment());
            kvm_msr_list.nmsrs(list, count);
            Ioctl.call(fd.get(), "KVM_GET_MSR_INDEX_LIST", Kvm_h.KVM_GET_MSR_INDEX_LIST(), list);
            int[] indices = list.asSlice(kvm_msr_list.indices$offset(), kvm_msr_list.nmsrs(list) * 4L).toArray(ValueLayout.JAVA_INT);
            return IntStream.of(indices).boxed().toList();
        }
    }

    /** KVM_CREATE_VM with the default machine type. */
    public VmFd createVm() {
        int mmapSize = vcpuMmapSize();
        int vmFd = Ioctl.call(fd.get(), "KVM_CREATE_VM", Kvm_h.KVM_CREATE_VM(), 0);
        return new VmFd(new OwnedFd("VM fd", vmFd), mmapSize);
    }

    @Override
    public void close() {
        fd.close();
    }
}
