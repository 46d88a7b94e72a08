package dev.jkvm.tcg;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.RamRegion;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run-loop behaviour the differential test cannot see: halting, code invalidation, CPUID, MMIO. */
class CpuTest {
    private final MemorySegment ram = Arena.ofAuto().allocate(1 << 20, 4096);
    private final CpuState state = new CpuState();
    private final Cpu cpu;

    CpuTest() {
        state.enterFlatLongMode(0);
        cpu = new Cpu(state, GuestMemory.wrap(List.of(new RamRegion(0, ram))), null, null, null);
    }

    private void load(long address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) ram.set(ValueLayout.JAVA_BYTE, address + i, (byte) bytes[i]);
        state.rip = address;
    }

    @Test
    void countsRetiredInstructionsAndHalts() {
        load(0x1000, 0xb8, 1, 0, 0, 0, 0x48, 0x01, 0xc0, 0xf4); // mov eax,1 ; add rax,rax ; hlt
        assertEquals(StopReason.HALTED, cpu.runSlice(100));
        assertEquals(2, state.gpr[Reg.RAX]);
        assertEquals(3, cpu.retiredInstructions());
    }

    @Test
    void pauseTakesSeveralInstructionTimes() {
        load(0x1000, 0xf3, 0x90, 0x90, 0xf4); // pause ; nop ; hlt
        assertEquals(StopReason.HALTED, cpu.runSlice(1000));
        assertEquals(Cpu.PAUSE_INSTRUCTIONS + 2, cpu.retiredInstructions());
    }

    @Test
    void stopsAtTheInstructionLimit() {
        load(0x1000, 0xeb, 0xfe); // jmp $
        assertEquals(StopReason.INSTRUCTION_LIMIT, cpu.runSlice(1000));
        assertEquals(1000, cpu.retiredInstructions());
    }

    @Test
    void writesToDecodedCodeInvalidateIt() {
        // mov byte [rip+1], 0x02 patches the immediate of the following mov eax, 1
        load(0x1000, 0xc6, 0x05, 0x01, 0, 0, 0, 0x02, 0xb8, 0x01, 0, 0, 0, 0xf4);
        assertEquals(StopReason.HALTED, cpu.runSlice(100));
        assertEquals(2, state.gpr[Reg.RAX]);
        assertTrue(cpu.blockCache().codeCache().invalidations() > 0);
    }

    @Test
    void aLinkedSuccessorIsRedecodedAfterItsCodeChanges() {
        load(0x2100, 0xb8, 1, 0, 0, 0, 0xf4);           // mov eax, 1 ; hlt (on another page)
        load(0x1000, 0xe9, 0xfb, 0x10, 0, 0);           // jmp 0x2100
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        assertEquals(1, state.gpr[Reg.RAX]);
        cpu.memory.write(0x2101, 1, 2);                 // as another vCPU or a device would
        state.halted = false;
        state.rip = 0x1000;
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        assertEquals(2, state.gpr[Reg.RAX]);
    }

    @Test
    void aRecentBlockIsRedecodedAfterItsCodeChanges() {
        load(0x2100, 0xb8, 1, 0, 0, 0, 0xf4);           // mov eax, 1 ; hlt
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        cpu.memory.write(0x2101, 1, 2);
        state.halted = false;
        state.rip = 0x2100;                             // found by address again, not through a link
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        assertEquals(2, state.gpr[Reg.RAX]);
    }

    @Test
    void aRotateKeepsTheFlagsOfThePreviousAddExceptCarryAndOverflow() {
        state.gpr[Reg.RAX] = 0x0f;
        state.gpr[Reg.RBX] = 0x01;
        state.gpr[Reg.RCX] = 0x80000000L;
        // add eax, ebx (AF set, PF/ZF/SF/CF/OF clear) ; rol ecx, 1 (CF and OF set) ; pushfq ; pop rdx ; hlt
        load(0x1000, 0x01, 0xd8, 0xd1, 0xc1, 0x9c, 0x5a, 0xf4);
        state.gpr[Reg.RSP] = 0x8000;
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        assertEquals(1, state.gpr[Reg.RCX]);
        assertEquals(Flags.CF | Flags.AF | Flags.OF, state.gpr[Reg.RDX] & Flags.ARITHMETIC);
    }

    @Test
    void compiledCodeStopsAfterWritingItsOwnBlock() {
        cpu.setCompileThreshold(1);
        load(0x1000, 0xc6, 0x05, 0x01, 0, 0, 0, 0x02, 0xb8, 0x01, 0, 0, 0, 0xf4); // as writesToDecodedCodeInvalidateIt
        assertEquals(StopReason.HALTED, cpu.runSlice(100));
        assertEquals(2, state.gpr[Reg.RAX]);
        assertEquals(3, cpu.retiredInstructions());
    }

    @Test
    void aFaultInCompiledCodeLeavesRipAtTheInstructionAndCountsThoseBefore() {
        cpu.setCompileThreshold(1);
        load(0x2000, 0x90, 0x48, 0x01, 0xc0, 0x0f, 0x0b); // nop ; add rax, rax ; ud2
        assertEquals(StopReason.EXCEPTION, cpu.runSlice(100));
        assertEquals(CpuException.INVALID_OPCODE, cpu.lastException().vector);
        assertEquals(0x2004, state.rip);
        assertEquals(2, cpu.retiredInstructions());
    }

    @Test
    void compiledCodeAdvancesRipPastRegisterOnlyInstructionsBeforeOneReadsIt() {
        cpu.setCompileThreshold(1);
        load(0x3000, 0xb8, 1, 0, 0, 0, 0x01, 0xc0, 0x48, 0x8d, 0x1d, 0, 0, 0, 0, 0xf4); // mov eax,1 ; add eax,eax ; lea rbx,[rip] ; hlt
        assertEquals(StopReason.HALTED, cpu.runSlice(100));
        assertEquals(2, state.gpr[Reg.RAX]);
        assertEquals(0x300e, state.gpr[Reg.RBX]);
        assertEquals(0x300f, state.rip);
    }

    @Test
    void undefinedOpcodeStopsWithRipAtTheInstruction() {
        load(0x2000, 0x90, 0x0f, 0x0b); // nop ; ud2
        assertEquals(StopReason.EXCEPTION, cpu.runSlice(100));
        assertEquals(CpuException.INVALID_OPCODE, cpu.lastException().vector);
        assertEquals(0x2001, state.rip);
    }

    @Test
    void cpuidReportsVendorAndOnlyImplementedFeatures() {
        load(0x1000, 0x31, 0xc0, 0x0f, 0xa2, 0xf4); // xor eax,eax ; cpuid ; hlt
        cpu.runSlice(10);
        byte[] vendor = new byte[12];
        long[] g = state.gpr;
        for (int i = 0; i < 4; i++) {
            vendor[i] = (byte) (g[Reg.RBX] >> (8 * i));
            vendor[4 + i] = (byte) (g[Reg.RDX] >> (8 * i));
            vendor[8 + i] = (byte) (g[Reg.RCX] >> (8 * i));
        }
        assertEquals("AuthenticAMD", new String(vendor, StandardCharsets.US_ASCII));
        int edx = cpu.cpuid.query(1, 0)[3];
        assertTrue((edx & (1 << 26)) != 0, "SSE2");
        assertFalse((edx & (1 << 23)) != 0, "MMX is not implemented");
    }

    @Test
    void unbackedMemoryReadsAllOnes() {
        load(0x1000, 0x8b, 0x04, 0x25, 0, 0, 0, 0x40, 0xf4); // mov eax, [0x40000000] ; hlt
        assertEquals(StopReason.HALTED, cpu.runSlice(10));
        assertEquals(0xffffffffL, state.gpr[Reg.RAX]);
    }
}
