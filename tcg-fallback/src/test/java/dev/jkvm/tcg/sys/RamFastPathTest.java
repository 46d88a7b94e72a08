package dev.jkvm.tcg.sys;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soft TLB's RAM fast path ({@link dev.jkvm.tcg.mem.RamTlb}): repeated accesses to a page must
 * behave exactly as translated ones, for MMIO pages, remapped pages, dirty bits, privilege and
 * writes to pages holding decoded code.
 */
class RamFastPathTest {
    private static final long PAGE = 0x250000;

    private final Machine m = new Machine();
    private final CpuState s = m.state;

    /** A handler storing CR2 at 0x9100 and the error code at 0x9108, then HLT. */
    private void recordPageFaults() {
        new Code(m, 0x5000).b(0x0f, 0x20, 0xd0).storeRax(0x9100).b(0x58).storeRax(0x9108).hlt();
        m.gate64(CpuException.PAGE_FAULT, 0x5000, 0, 0, false);
        m.put64(0x9108, -1);
    }

    @Test
    void everyAccessToAnMmioPageReachesTheDevice() {
        m.enterLongMode();
        List<String> accesses = new ArrayList<>();
        m.mmio.register("probe", Machine.MMIO_BASE, 0x1000, new BusDevice() {
            @Override
            public long read(long offset, int size) {
                accesses.add("r" + offset);
                return 0x40 + accesses.size();
            }

            @Override
            public void write(long offset, int size, long value) {
                accesses.add("w" + offset + "=" + value);
            }
        });
        m.put64(m.pteAddress(PAGE), Machine.MMIO_BASE | 7);
        new Code(m, 0x4000).loadRax(PAGE + 8).storeRax(0x9000).loadRax(PAGE + 8)
                .b(0x48, 0x89, 0x04, 0x25).d32(PAGE + 16)            // mov [PAGE+16], rax
                .b(0x48, 0x89, 0x04, 0x25).d32(PAGE + 16).hlt();     // again
        m.run(0x4000, 100);
        assertTrue(s.halted, "rip " + Long.toHexString(s.rip));
        assertEquals(List.of("r8", "r8", "w16=66", "w16=66"), accesses);
        assertEquals(0x41, m.get64(0x9000));
    }

    @Test
    void aRemappedPageIsSeenAfterInvlpg() {
        m.enterLongMode();
        m.put64(0x300000, 111);
        m.put64(0x301000, 222);
        m.put64(m.pteAddress(PAGE), 0x300000L | 7);
        new Code(m, 0x4000).loadRax(PAGE).storeRax(0x9000)
                .b(0x48, 0xc7, 0x04, 0x25).d32(m.pteAddress(PAGE)).d32(0x301007) // mov qword [pte], 0x301007
                .b(0x0f, 0x01, 0x3c, 0x25).d32(PAGE)                             // invlpg [PAGE]
                .loadRax(PAGE).storeRax(0x9008).hlt();
        m.run(0x4000, 100);
        assertEquals(111, m.get64(0x9000));
        assertEquals(222, m.get64(0x9008));
    }

    @Test
    void aWriteAfterReadsOfACleanPageSetsTheDirtyBit() {
        m.enterLongMode();
        long pte = m.pteAddress(PAGE);
        new Code(m, 0x4000).loadRax(PAGE).loadRax(PAGE + 8).storeRax(0x9000)
                .b(0x48, 0xa1).d64(pte).storeRax(0x9008)                          // movabs rax, [pte]
                .storeRax(PAGE).b(0x48, 0xa1).d64(pte).storeRax(0x9010).hlt();
        m.run(0x4000, 100);
        assertEquals(PagingMmu.A, m.get64(0x9008) & (PagingMmu.A | PagingMmu.D));
        assertEquals(PagingMmu.A | PagingMmu.D, m.get64(0x9010) & (PagingMmu.A | PagingMmu.D));
    }

    @Test
    void userAccessFaultsOnASupervisorPageTheKernelJustRead() {
        m.enterLongMode();
        recordPageFaults();
        m.put64(m.pteAddress(PAGE), PAGE | 3); // supervisor only
        new Code(m, 0x4000).loadRax(PAGE)
                .b(0x6a, Machine.USER_DS).b(0x68).d32(Machine.USER_STACK).b(0x68).d32(0x2)
                .b(0x6a, Machine.USER_CS).b(0x68).d32(0x6000).b(0x48, 0xcf); // iretq to user mode
        new Code(m, 0x6000).loadRax(PAGE).hlt();
        m.run(0x4000, 100);
        assertEquals(PAGE, m.get64(0x9100));
        assertEquals(PagingMmu.PF_PRESENT | PagingMmu.PF_USER, m.get64(0x9108));
    }

    @Test
    void kernelWriteFaultsOnAReadOnlyPageItJustRead() {
        m.enterLongMode();
        recordPageFaults();
        m.put64(m.pteAddress(PAGE), PAGE | 5); // user, read-only; CR0.WP is set
        new Code(m, 0x4000).loadRax(PAGE).storeRax(PAGE).hlt();
        m.run(0x4000, 100);
        assertEquals(PagingMmu.PF_PRESENT | PagingMmu.PF_WRITE, m.get64(0x9108));
    }

    @Test
    void fastPathWritesToDecodedCodeInvalidateIt() {
        m.enterLongMode();
        new Code(m, 0x7000).b(0xb8).d32(1).hlt();                          // mov eax, 1 ; hlt
        new Code(m, 0x7100).b(0xc6, 0x04, 0x25).d32(0x7001).b(2).hlt();    // mov byte [0x7001], 2
        new Code(m, 0x7200).b(0xc6, 0x04, 0x25).d32(0x7001).b(3).hlt();    // mov byte [0x7001], 3
        run(0x7000);
        assertEquals(1, s.gpr[Reg.RAX]);
        run(0x7100);                           // the first write fills the write fast path
        run(0x7000);
        assertEquals(2, s.gpr[Reg.RAX]);
        run(0x7200);                           // through the fast path
        run(0x7000);
        assertEquals(3, s.gpr[Reg.RAX]);
    }

    private void run(long address) {
        s.halted = false;
        m.run(address, 10);
        assertTrue(s.halted, "rip " + Long.toHexString(s.rip));
    }
}
