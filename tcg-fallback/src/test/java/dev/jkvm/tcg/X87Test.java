package dev.jkvm.tcg;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.X87State;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** x87 behaviour the differential test does not reach: #UD/#MF/#NM delivery, CPUID, real-mode environment. */
class X87Test {
    private final MemorySegment ram = Arena.ofAuto().allocate(1 << 20, 4096);
    private final CpuState state = new CpuState();
    private final Cpu cpu;

    X87Test() {
        state.enterFlatLongMode(0);
        cpu = new Cpu(state, GuestMemory.wrap(List.of(new RamRegion(0, ram))), null, null, null);
    }

    private StopReason run(int... bytes) {
        for (int i = 0; i < bytes.length; i++) ram.set(ValueLayout.JAVA_BYTE, 0x1000 + i, (byte) bytes[i]);
        state.rip = 0x1000;
        return cpu.runSlice(100);
    }

    @Test
    void loadsConstantsAndStoresThemAsDoubles() {
        // fninit ; fldpi ; fstp qword [0x2000] ; fld1 ; fistp dword [0x2008] ; hlt
        assertEquals(StopReason.HALTED, run(0xdb, 0xe3, 0xd9, 0xeb, 0xdd, 0x1c, 0x25, 0, 0x20, 0, 0,
                0xd9, 0xe8, 0xdb, 0x1c, 0x25, 0x08, 0x20, 0, 0, 0xf4));
        assertEquals(Math.PI, Double.longBitsToDouble(ram.get(ValueLayout.JAVA_LONG_UNALIGNED, 0x2000)));
        assertEquals(1, ram.get(ValueLayout.JAVA_INT_UNALIGNED, 0x2008));
        assertEquals(0, state.x87.top);
    }

    @Test
    void transcendentalsAreUndefined() {
        for (int opcode : new int[] {0xf0, 0xf1, 0xf2, 0xf3, 0xf9, 0xfb, 0xfe, 0xff}) {
            assertEquals(StopReason.EXCEPTION, run(0xd9, opcode));
            assertEquals(CpuException.INVALID_OPCODE, cpu.lastException().vector);
            assertEquals(0x1000, state.rip);
        }
    }

    @Test
    void unmaskedExceptionIsDeliveredAtTheNextWaitingInstruction() {
        // fninit ; fldcw [0x2000] (ZE unmasked) ; fldz ; fld1 ; fdivrp (1/0: ZE pending) ; fnstsw ax ; fwait
        ram.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0x2000, (short) 0x037b);
        assertEquals(StopReason.EXCEPTION, run(0xdb, 0xe3, 0xd9, 0x2c, 0x25, 0, 0x20, 0, 0, 0xd9, 0xee, 0xd9, 0xe8,
                0xde, 0xf1, 0xdf, 0xe0, 0x9b));
        assertEquals(CpuException.X87_FAULT, cpu.lastException().vector);
        assertEquals(0x1011, state.rip);
        long status = state.gpr[Reg.RAX] & 0xffff;
        assertEquals(X87State.ZE | X87State.ES | X87State.BUSY, status & 0x80ff);
        assertEquals(2, 8 - state.x87.top); // the unmasked ZE left both operands on the stack
    }

    @Test
    void taskSwitchedFaultsWithDeviceNotAvailable() {
        state.cr0 |= 1 << 3;
        assertEquals(StopReason.EXCEPTION, run(0xd9, 0xe8));
        assertEquals(CpuException.DEVICE_NOT_AVAILABLE, cpu.lastException().vector);
        assertEquals(StopReason.EXCEPTION, run(0x9b)); // FWAIT too, with MP set
        assertEquals(CpuException.DEVICE_NOT_AVAILABLE, cpu.lastException().vector);
    }

    @Test
    void cpuidAdvertisesTheFpu() {
        assertEquals(StopReason.HALTED, run(0xb8, 1, 0, 0, 0, 0x0f, 0xa2, 0xf4)); // mov eax,1 ; cpuid ; hlt
        assertTrue((state.gpr[Reg.RDX] & 1) != 0);
    }

    @Test
    void realModeEnvironmentKeepsTheTwentyBitPointers() {
        state.mode = CpuMode.REAL;
        state.x87.lastInstructionPointer = 0x12345;
        state.x87.lastOpcode = 0x5ab;
        // fnstenv [0x2000] (16-bit: 14 bytes) ; hlt
        assertEquals(StopReason.HALTED, run(0xd9, 0x36, 0x00, 0x20, 0xf4));
        assertEquals(0x037f, ram.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0x2000));
        assertEquals(0x2345, ram.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0x2006) & 0xffff);
        assertEquals(0x15ab, ram.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0x2008) & 0xffff);
    }
}
