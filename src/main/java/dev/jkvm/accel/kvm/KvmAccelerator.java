package dev.jkvm.accel.kvm;

import dev.jkvm.accel.Accelerator;
import dev.jkvm.accel.DeviceFastPaths;
import dev.jkvm.accel.InterruptRouter;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.devices.time.Clock;
import dev.jkvm.devices.time.HostClock;
import dev.jkvm.kvm.CpuidEntry;
import dev.jkvm.kvm.Kvm;
import dev.jkvm.kvm.VcpuFd;
import dev.jkvm.kvm.VmFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.jkvm.machine.Machine;

import java.util.List;

/** The hardware path: guest RAM as KVM memory slots, KVM's in-kernel irqchip and PIT, KVM_RUN per vCPU. */
public final class KvmAccelerator implements Accelerator {
    private static final Logger log = LoggerFactory.getLogger(KvmAccelerator.class);
    /** Three pages below the BIOS area that VMX needs for real-mode emulation; never RAM here. */
    private static final long TSS_ADDRESS = 0xfffb_d000L;
    private static final long IDENTITY_MAP_ADDRESS = 0xfffb_c000L;

    private final Kvm kvm;
    private final HostClock clock = new HostClock();
    private VmFd vm;
    private Machine machine;
    private List<CpuidEntry> supportedCpuid;
    private KvmFastPaths fastPaths;

    public KvmAccelerator() {
        this.kvm = Kvm.open();
    }

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public InterruptRouter createVm(Machine machine) {
        this.machine = machine;
        vm = kvm.createVm();
        vm.setTssAddr(TSS_ADDRESS);
        vm.setIdentityMapAddr(IDENTITY_MAP_ADDRESS);
        vm.createIrqchip();
        vm.setGsiRouting(MsiRouteTable.irqchipRoutes());
        vm.createPit2();
        List<RamRegion> regions = machine.memory().regions();
        for (int slot = 0; slot < regions.size(); slot++) {
            vm.setUserMemoryRegion(slot, regions.get(slot).guestBase(), regions.get(slot).host());
        }
        supportedCpuid = kvm.supportedCpuid();
        fastPaths = new KvmFastPaths(vm, machine);
        machine.lifecycle().onStop(fastPaths::stopDraining);
        log.info("KVM fast paths: {}", fastPaths.enabled());
        return new KvmInterruptRouter(vm, fastPaths);
    }

    @Override
    public DeviceFastPaths deviceFastPaths() {
        return fastPaths == null ? DeviceFastPaths.DIRECT : fastPaths;
    }

    @Override
    public Vcpu createVcpu(int index) {
        VcpuFd fd = vm.createVcpu(index);
        if (index == 0) fastPaths.attachRing(fd.coalescedMmioRing());
        return new KvmVcpu(index, fd, machine, KvmCpuid.forVcpu(supportedCpuid, index), fastPaths::beforeExit);
    }

    @Override
    public void close() {
        clock.close();
        if (fastPaths != null) fastPaths.close();
        if (vm != null) vm.close();
        kvm.close();
    }
}
