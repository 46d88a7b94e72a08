package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_coalesced_mmio_zone;
import dev.jkvm.bindings.kvm.kvm_ioeventfd;
import dev.jkvm.bindings.kvm.kvm_irq_level;
import dev.jkvm.bindings.kvm.kvm_irq_routing;
import dev.jkvm.bindings.kvm.kvm_irq_routing_entry;
import dev.jkvm.bindings.kvm.kvm_irq_routing_irqchip;
import dev.jkvm.bindings.kvm.kvm_irq_routing_msi;
import dev.jkvm.bindings.kvm.kvm_irqfd;
import dev.jkvm.bindings.kvm.kvm_msi;
import dev.jkvm.bindings.kvm.kvm_pit_config;
import dev.jkvm.bindings.kvm.kvm_userspace_memory_region;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** One virtual machine: its memory slots, in-kernel interrupt controllers, interrupt routes and vCPUs. */
public final class VmFd implements AutoCloseable {
    private final OwnedFd fd;
    private final int vcpuMmapSize;

    VmFd(OwnedFd fd, int vcpuMmapSize) {
        this.fd = fd;
        this.vcpuMmapSize = vcpuMmapSize;
    }

    /**
     * KVM_SET_USER_MEMORY_REGION: backs guest-physical {@code [guestPhysAddr, + host.byteSize())}
     * with {@code host}, a page-aligned native segment (e.g. an AnonymousMapping). An empty segment deletes the slot.
     */
    public void setUserMemoryRegion(int slot, long guestPhysAddr, MemorySegment host) {
        if (!host.isNative()) throw new IllegalArgumentException("guest memory must be native memory");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = kvm_userspace_memory_region.allocate(arena);
            kvm_userspace_memory_region.slot(region, slot);
            kvm_userspace_memory_region.guest_phys_addr(region, guestPhysAddr);
            kvm_userspace_memory_region.memory_size(region, host.byteSize());
            kvm_userspace_memory_region.userspace_addr(region, host.address());
            Ioctl.call(fd.get(), "KVM_SET_USER_MEMORY_REGION", Kvm_h.KVM_SET_USER_MEMORY_REGION(), region);
        }
    }

    /** KVM_SET_TSS_ADDR: three pages of guest-physical space, unused by the guest, that Intel VT needs for real mode. */
    public void setTssAddr(long address) {
        Ioctl.call(fd.get(), "KVM_SET_TSS_ADDR", Kvm_h.KVM_SET_TSS_ADDR(), address);
    }

    /** KVM_SET_IDENTITY_MAP_ADDR: one unused guest page for the identity page table of Intel's real mode. */
    public void setIdentityMapAddr(long address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_LONG, address);
            Ioctl.call(fd.get(), "KVM_SET_IDENTITY_MAP_ADDR", Kvm_h.KVM_SET_IDENTITY_MAP_ADDR(), value);
        }
    }

    /** KVM_CREATE_IRQCHIP: in-kernel PICs, IOAPIC and per-vCPU local APICs, with default GSI routes. */
    public void createIrqchip() {
        Ioctl.call(fd.get(), "KVM_CREATE_IRQCHIP", Kvm_h.KVM_CREATE_IRQCHIP(), 0);
    }

    /** KVM_CREATE_PIT2: an in-kernel i8254, with a dummy speaker port 0x61 so its gate never exits to userspace. */
    public void createPit2() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = kvm_pit_config.allocate(arena);
            kvm_pit_config.flags(config, Kvm_h.KVM_PIT_SPEAKER_DUMMY());
            Ioctl.call(fd.get(), "KVM_CREATE_PIT2", Kvm_h.KVM_CREATE_PIT2(), config);
        }
    }

    /** KVM_IRQ_LINE: raises or lowers an in-kernel irqchip input. */
    public void irqLine(int gsi, boolean level) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment irq = kvm_irq_level.allocate(arena);
            kvm_irq_level.irq(irq, gsi);
            kvm_irq_level.level(irq, level ? 1 : 0);
            Ioctl.call(fd.get(), "KVM_IRQ_LINE", Kvm_h.KVM_IRQ_LINE(), irq);
        }
    }

    /** KVM_IRQFD: signalling {@code trigger} injects an edge on {@code gsi}. */
    public void assignIrqfd(EventFd trigger, int gsi) {
        irqfd(trigger, gsi, null, 0);
    }

    /**
     * KVM_IRQFD with KVM_IRQFD_FLAG_RESAMPLE: {@code trigger} asserts the level-triggered {@code gsi};
     * KVM lowers it and signals {@code resample} when the guest acknowledges it, so the device can re-assert.
     */
    public void assignResamplingIrqfd(EventFd trigger, EventFd resample, int gsi) {
        irqfd(trigger, gsi, resample, Kvm_h.KVM_IRQFD_FLAG_RESAMPLE());
    }

    public void deassignIrqfd(EventFd trigger, int gsi) {
        irqfd(trigger, gsi, null, Kvm_h.KVM_IRQFD_FLAG_DEASSIGN());
    }

    private void irqfd(EventFd trigger, int gsi, EventFd resample, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment irqfd = kvm_irqfd.allocate(arena);
            kvm_irqfd.fd(irqfd, trigger.fd());
            kvm_irqfd.gsi(irqfd, gsi);
            kvm_irqfd.flags(irqfd, flags);
            kvm_irqfd.resamplefd(irqfd, resample == null ? 0 : resample.fd());
            Ioctl.call(fd.get(), "KVM_IRQFD", Kvm_h.KVM_IRQFD(), irqfd);
        }
    }

    /** KVM_IOEVENTFD: a matching guest write signals {@code event} in the kernel instead of exiting. */
    public void assignIoeventfd(EventFd event, IoEventTrigger trigger) {
        ioeventfd(event, trigger, 0);
    }

    /** Removes an ioeventfd; {@code trigger} must equal the one it was assigned with. */
    public void deassignIoeventfd(EventFd event, IoEventTrigger trigger) {
        ioeventfd(event, trigger, Kvm_h.KVM_IOEVENTFD_FLAG_DEASSIGN());
    }

    private void ioeventfd(EventFd event, IoEventTrigger trigger, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ioeventfd = kvm_ioeventfd.allocate(arena);
            if (trigger.space() == IoEventTrigger.Space.PIO) flags |= Kvm_h.KVM_IOEVENTFD_FLAG_PIO();
            if (trigger.datamatch().isPresent()) {
                flags |= Kvm_h.KVM_IOEVENTFD_FLAG_DATAMATCH();
                kvm_ioeventfd.datamatch(ioeventfd, trigger.datamatch().getAsLong());
            }
            kvm_ioeventfd.addr(ioeventfd, trigger.address());
            kvm_ioeventfd.len(ioeventfd, trigger.length());
            kvm_ioeventfd.fd(ioeventfd, event.fd());
            kvm_ioeventfd.flags(ioeventfd, flags);
            Ioctl.call(fd.get(), "KVM_IOEVENTFD", Kvm_h.KVM_IOEVENTFD(), ioeventfd);
        }
    }

    /** KVM_SET_GSI_ROUTING: replaces the whole routing table, including the irqchip's default routes. */
    public void setGsiRouting(List<GsiRoute> routes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment table = arena.allocate(kvm_irq_routing.sizeof() + routes.size() * kvm_irq_routing_entry.sizeof(),
                    kvm_irq_routing.layout().byteAlignment());
            kvm_irq_routing.nr(table, routes.size());
            MemorySegment entries = table.asSlice(kvm_irq_routing.entries$offset());
            for (int i = 0; i < routes.size(); i++) {
                MemorySegment entry = kvm_irq_routing_entry.asSlice(entries, i);
                MemorySegment u = kvm_irq_routing_entry.u(entry);
                GsiRoute route = routes.get(i);
                kvm_irq_routing_entry.gsi(entry, route.gsi());
                switch (route) {
                    case GsiRoute.ToIrqchip chip -> {
                        kvm_irq_routing_entry.type(entry, Kvm_h.KVM_IRQ_ROUTING_IRQCHIP());
                        MemorySegment irqchip = kvm_irq_routing_entry.u.irqchip(u);
                        kvm_irq_routing_irqchip.irqchip(irqchip, irqchipId(chip.chip()));
                        kvm_irq_routing_irqchip.pin(irqchip, chip.pin());
                    }
                    case GsiRoute.ToMsi msi -> {
                        kvm_irq_routing_entry.type(entry, Kvm_h.KVM_IRQ_ROUTING_MSI());
                        MemorySegment message = kvm_irq_routing_entry.u.msi(u);
                        kvm_irq_routing_msi.address_lo(message, (int) msi.address());
                        kvm_irq_routing_msi.address_hi(message, (int) (msi.address() >>> 32));
                        kvm_irq_routing_msi.data(message, msi.data());
                    }
                }
            }
            Ioctl.call(fd.get(), "KVM_SET_GSI_ROUTING", Kvm_h.KVM_SET_GSI_ROUTING(), table);
        }
    }

    private static int irqchipId(GsiRoute.Irqchip chip) {
        return switch (chip) {
            case PIC_MASTER -> Kvm_h.KVM_IRQCHIP_PIC_MASTER();
            case PIC_SLAVE -> Kvm_h.KVM_IRQCHIP_PIC_SLAVE();
            case IOAPIC -> Kvm_h.KVM_IRQCHIP_IOAPIC();
        };
    }

    /** KVM_SIGNAL_MSI: injects one MSI. Returns false if the guest has it masked (blocked). */
    public boolean signalMsi(long address, int data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msi = kvm_msi.allocate(arena);
            kvm_msi.address_lo(msi, (int) address);
            kvm_msi.address_hi(msi, (int) (address >>> 32));
            kvm_msi.data(msi, data);
            return Ioctl.call(fd.get(), "KVM_SIGNAL_MSI", Kvm_h.KVM_SIGNAL_MSI(), msi) > 0;
        }
    }

    /** KVM_REGISTER_COALESCED_MMIO: guest writes to the zone are buffered in the {@link CoalescedMmioRing}. */
    public void registerCoalescedMmio(long address, int size) {
        coalescedMmio("KVM_REGISTER_COALESCED_MMIO", Kvm_h.KVM_REGISTER_COALESCED_MMIO(), address, size);
    }

    public void unregisterCoalescedMmio(long address, int size) {
        coalescedMmio("KVM_UNREGISTER_COALESCED_MMIO", Kvm_h.KVM_UNREGISTER_COALESCED_MMIO(), address, size);
    }

    private void coalescedMmio(String name, long request, long address, int size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zone = kvm_coalesced_mmio_zone.allocate(arena);
            kvm_coalesced_mmio_zone.addr(zone, address);
            kvm_coalesced_mmio_zone.size(zone, size);
            Ioctl.call(fd.get(), name, request, zone);
        }
    }

    /** KVM_CREATE_VCPU, then maps its kvm_run area. Create vCPUs after the irqchip, so each gets a local APIC. */
    public VcpuFd createVcpu(int id) {
        int vcpuFd = Ioctl.call(fd.get(), "KVM_CREATE_VCPU", Kvm_h.KVM_CREATE_VCPU(), id);
        return VcpuFd.map(new OwnedFd("vCPU " + id + " fd", vcpuFd), id, vcpuMmapSize);
    }

    /** KVM_GET_STATS_FD: the VM-wide statistics. */
    public KvmStats statsFd() {
        return KvmStats.open(Ioctl.call(fd.get(), "KVM_GET_STATS_FD", Kvm_h.KVM_GET_STATS_FD(), 0));
    }

    @Override
    public void close() {
        fd.close();
    }
}
