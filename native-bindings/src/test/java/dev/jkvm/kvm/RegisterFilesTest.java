package dev.jkvm.kvm;

import dev.jkvm.bindings.kvm.kvm_fpu;
import dev.jkvm.bindings.kvm.kvm_regs;
import dev.jkvm.bindings.kvm.kvm_segment;
import dev.jkvm.bindings.kvm.kvm_sregs;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java register files convert to and from the kernel structs field by field. */
class RegisterFilesTest {
    private final Arena arena = Arena.ofAuto();

    @Test
    void regsRoundTrip() {
        Regs regs = new Regs();
        regs.rip = 0x10_0000;
        regs.rsi = 0x7000;
        regs.rflags = 2;
        regs.r15 = -1;
        MemorySegment struct = kvm_regs.allocate(arena);
        regs.write(struct);
        assertEquals(0x10_0000, kvm_regs.rip(struct));
        Regs back = Regs.read(struct);
        assertEquals(0x7000, back.rsi);
        assertEquals(2, back.rflags);
        assertEquals(-1, back.r15);
    }

    @Test
    void sregsRoundTripWithUnsignedFields() {
        MemorySegment struct = kvm_sregs.allocate(arena);
        Sregs sregs = Sregs.read(struct);
        sregs.cs.selector = 0x8;
        sregs.cs.limit = 0xffff_ffff;
        sregs.cs.type = 0xb;
        sregs.cs.l = true;
        sregs.cs.present = true;
        sregs.gdt.limit = 0xffff;
        sregs.efer = 0x500;
        sregs.interruptBitmap[3] = 1L << 63;
        sregs.write(struct);

        assertEquals(0x8, kvm_segment.selector(kvm_sregs.cs(struct)));
        assertEquals(1, kvm_segment.l(kvm_sregs.cs(struct)));
        Sregs back = Sregs.read(struct);
        assertEquals(0xffff_ffff, back.cs.limit);
        assertEquals(0xb, back.cs.type);
        assertTrue(back.cs.l && back.cs.present);
        assertEquals(0xffff, back.gdt.limit);
        assertEquals(0x500, back.efer);
        assertEquals(1L << 63, back.interruptBitmap[3]);
    }

    @Test
    void fpuRoundTrip() {
        Fpu fpu = new Fpu();
        fpu.fcw = 0x37f;
        fpu.mxcsr = 0x1f80;
        fpu.xmm[255] = 7;
        MemorySegment struct = kvm_fpu.allocate(arena);
        fpu.write(struct);
        assertEquals(0x1f80, kvm_fpu.mxcsr(struct));
        Fpu back = Fpu.read(struct);
        assertEquals(0x37f, back.fcw);
        assertEquals(7, back.xmm[255]);
    }

    @Test
    void cpuidEntriesRoundTripThroughTheFlexibleArray() {
        List<CpuidEntry> entries = List.of(
                new CpuidEntry(0, 0, 0, 0xd, 0x756e6547, 0x6c65746e, 0x49656e69),
                new CpuidEntry(7, 0, CpuidEntry.FLAG_SIGNIFICANT_INDEX, 0, 1, 2, 3));
        assertEquals(entries, CpuidEntry.fromNative(CpuidEntry.toNative(entries, arena)));
        assertEquals(new CpuidEntry(7, 0, CpuidEntry.FLAG_SIGNIFICANT_INDEX, 9, 8, 7, 6),
                entries.get(1).withRegisters(9, 8, 7, 6));
    }
}
