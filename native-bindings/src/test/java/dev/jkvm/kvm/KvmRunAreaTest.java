package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.Kvm_h;
import dev.jkvm.bindings.kvm.kvm_run;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decodes exits from a kvm_run area filled in as KVM would. */
class KvmRunAreaTest {
    private final MemorySegment run = Arena.ofAuto().allocate(3 * 4096, 4096);
    private final KvmRunArea area = new KvmRunArea(run);

    @Test
    void decodesPortIoWithItsDataInThePioPage() {
        kvm_run.exit_reason(run, Kvm_h.KVM_EXIT_IO());
        MemorySegment io = kvm_run.io(run);
        kvm_run.io.direction(io, (byte) Kvm_h.KVM_EXIT_IO_OUT());
        kvm_run.io.size(io, (byte) 1);
        kvm_run.io.port(io, (short) 0x3f8);
        kvm_run.io.count(io, 2);
        kvm_run.io.data_offset(io, 4096);
        run.set(ValueLayout.JAVA_BYTE, 4096, (byte) 'h');
        run.set(ValueLayout.JAVA_BYTE, 4097, (byte) 'i');

        assertEquals(VcpuExit.IO, VcpuExit.of(area.exitReason()));
        KvmRunArea.IoExit exit = area.io();
        assertTrue(exit.out());
        assertEquals(0x3f8, exit.port());
        assertEquals(1, exit.size());
        assertEquals(2, exit.count());
        assertEquals("hi", new String(exit.data().toArray(ValueLayout.JAVA_BYTE)));
    }

    @Test
    void decodesMmioAndLetsAReadBeAnswered() {
        MemorySegment mmio = kvm_run.mmio(run);
        kvm_run.mmio.phys_addr(mmio, 0xfee0_0000L);
        kvm_run.mmio.len(mmio, 4);
        kvm_run.mmio.is_write(mmio, (byte) 0);

        KvmRunArea.MmioExit exit = area.mmio();
        assertEquals(0xfee0_0000L, exit.address());
        assertFalse(exit.write());
        exit.data().set(ValueLayout.JAVA_INT_UNALIGNED, 0, 0x12345678);
        assertEquals(0x12345678, kvm_run.mmio.data(mmio).get(ValueLayout.JAVA_INT_UNALIGNED, 0));
    }

    @Test
    void decodesSystemEventsAndInternalErrors() {
        MemorySegment event = kvm_run.system_event(run);
        kvm_run.system_event.type(event, Kvm_h.KVM_SYSTEM_EVENT_RESET());
        kvm_run.system_event.ndata(event, 1);
        kvm_run.system_event.data(event, 0, 5L);
        KvmRunArea.SystemEvent systemEvent = area.systemEvent();
        assertEquals(KvmRunArea.SystemEvent.RESET, systemEvent.type());
        assertArrayEquals(new long[] {5}, systemEvent.data());

        MemorySegment internal = kvm_run.internal(run);
        kvm_run.internal.suberror(internal, Kvm_h.KVM_INTERNAL_ERROR_EMULATION());
        kvm_run.internal.ndata(internal, 2);
        kvm_run.internal.data(internal, 1, 0xabL);
        assertArrayEquals(new long[] {5, 0xab}, area.internalError().data());
        assertEquals(Kvm_h.KVM_INTERNAL_ERROR_EMULATION(), area.internalError().suberror());
    }

    @Test
    void setsImmediateExit() {
        area.immediateExit(true);
        assertEquals(1, kvm_run.immediate_exit(run));
        area.immediateExit(false);
        assertEquals(0, kvm_run.immediate_exit(run));
    }

    @Test
    void mapsExitCodes() {
        assertEquals(VcpuExit.INTR, VcpuExit.of(Kvm_h.KVM_EXIT_INTR()));
        assertEquals(VcpuExit.SYSTEM_EVENT, VcpuExit.of(24));
        assertEquals(VcpuExit.OTHER, VcpuExit.of(63));
        assertEquals(VcpuExit.OTHER, VcpuExit.of(-5));
    }
}
