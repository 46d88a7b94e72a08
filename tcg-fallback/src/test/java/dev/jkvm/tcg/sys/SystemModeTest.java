package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.Cpu;
import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.InterruptSource;
import dev.jkvm.tcg.MsrHandler;
import dev.jkvm.tcg.StopReason;
import dev.jkvm.tcg.state.CpuMode;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Reg;
import dev.jkvm.tcg.state.Segment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modes, descriptor loads, IDT delivery, paging, MSRs and SMP hooks, on hand-assembled guest code. */
class SystemModeTest {
    private final Machine m = new Machine();
    private final CpuState s = m.state;

    /** A handler storing CR2 at 0x9100 and the popped error code at 0x9108, RSP at 0x9110, then HLT. */
    private long faultRecorder(long at) {
        new Code(m, at).b(0x0f, 0x20, 0xd0).storeRax(0x9100) // mov rax, cr2
                .b(0x58).storeRax(0x9108)                       // pop rax (error code)
                .b(0x48, 0x89, 0x24, 0x25).d32(0x9110)          // mov [0x9110], rsp
                .hlt();
        return at;
    }

    @Test
    void realModeSoftwareInterruptGoesThroughTheIvtAndIretReturns() {
        m.put16(0x21 * 4, 0x0000);
        m.put16(0x21 * 4 + 2, 0x0200);                   // handler at 0200:0000
        m.put(0x2000, 0xb8, 0x34, 0x12, 0xcf);           // mov ax, 0x1234 ; iret
        m.put(0x7c00, 0xcd, 0x21, 0xf4);                 // int 0x21 ; hlt
        s.gpr[Reg.RSP] = 0x7000;
        assertEquals(CpuMode.REAL, s.mode);
        m.run(0x7c00, 100);
        assertTrue(s.halted);
        assertEquals(0x1234, s.gpr[Reg.RAX] & 0xffff);
        assertEquals(0x7000, s.gpr[Reg.RSP]);
        assertEquals(0x7c03, s.rip);
    }

    @Test
    void switchesFromRealModeThroughProtectedModeIntoLongMode() {
        m.buildGdt();
        m.buildPageTables();
        s.gdtr.base = 0;
        s.gdtr.limit = 0;
        s.tr.load(0, 0, 0xffff, 0x8b);
        m.put16(0x80d0, 0x7f);
        m.put32(0x80d2, (int) Machine.GDT);
        Code real = new Code(m, 0x8000);
        real.b(0x66, 0x0f, 0x01, 0x16).d16(0x80d0)        // lgdtl [0x80d0]
                .b(0x0f, 0x20, 0xc0)                       // mov eax, cr0
                .b(0x66, 0x83, 0xc8, 0x01)                 // or eax, 1
                .b(0x0f, 0x22, 0xc0)                       // mov cr0, eax
                .b(0x66, 0xea).d32(0x8100).d16(0x08);      // ljmpl 0x08:0x8100
        long target64 = 0x8200;
        new Code(m, 0x8100).b(0xb8).d32(0x18)             // mov eax, 0x18
                .b(0x8e, 0xd8, 0x8e, 0xd0)                 // mov ds, eax ; mov ss, eax
                .b(0x0f, 0x20, 0xe0, 0x83, 0xc8, 0x20, 0x0f, 0x22, 0xe0) // cr4 |= PAE
                .b(0xb8).d32(Machine.PML4).b(0x0f, 0x22, 0xd8)            // cr3 = PML4
                .b(0xb9).d32(0xc0000080).b(0x0f, 0x32)                    // rdmsr EFER
                .b(0x0d).d32(0x100).b(0x0f, 0x30)                          // wrmsr EFER | LME
                .b(0x0f, 0x20, 0xc0, 0x0d).d32(0x80000000L).b(0x0f, 0x22, 0xc0) // cr0 |= PG
                .b(0xea).d32(target64).d16(Machine.KERNEL_CS);            // ljmp 0x10:target64
        new Code(m, target64).movRax(0x1122334455667788L).storeRax(0x9000).hlt();
        m.run(0x8000, 1000);
        assertTrue(s.halted, "rip " + Long.toHexString(s.rip) + " " + m.cpu.lastException());
        assertEquals(CpuMode.LONG_64, s.mode);
        assertTrue((s.efer & ControlBits.EFER_LMA) != 0);
        assertEquals(Machine.KERNEL_CS, s.segments[Segment.CS].selector);
        assertEquals(0x1122334455667788L, m.get64(0x9000));
        assertEquals(Machine.KERNEL_DS, s.segments[Segment.DS].selector);
    }

    @Test
    void notPresentPageRaisesPageFaultWithCr2AndErrorCode() {
        m.enterLongMode();
        m.gate64(CpuException.PAGE_FAULT, faultRecorder(0x5000), 0, 0, false);
        m.put64(m.pteAddress(0x250000), 0);
        new Code(m, 0x4000).loadRax(0x250000).hlt();
        m.run(0x4000, 100);
        assertEquals(0x250000, m.get64(0x9100));
        assertEquals(0, m.get64(0x9108));
        assertEquals(0x250000, s.cr2);
        assertEquals(0x5000 + 3 + 8 + 1 + 8 + 8 + 1, s.rip);
    }

    @Test
    void supervisorWriteToReadOnlyPageFaultsWithWriteProtect() {
        m.enterLongMode();
        m.gate64(CpuException.PAGE_FAULT, faultRecorder(0x5000), 0, 0, false);
        m.put64(m.pteAddress(0x250000), 0x250000L | 5); // present, user, read-only
        new Code(m, 0x4000).storeRax(0x250000).hlt();
        m.run(0x4000, 100);
        assertEquals(PagingMmu.PF_PRESENT | PagingMmu.PF_WRITE, m.get64(0x9108));
    }

    @Test
    void userFaultSwitchesToTheRing0StackFromTheTssAndLoadsNullSs() {
        m.enterLongMode();
        m.gate64(CpuException.PAGE_FAULT, faultRecorder(0x5000), 0, 0, false);
        m.put64(m.pteAddress(0x260000), 0x260000L | 3); // supervisor only
        new Code(m, 0x4000).b(0x6a, Machine.USER_DS).b(0x68).d32(Machine.USER_STACK).b(0x68).d32(0x2)
                .b(0x6a, Machine.USER_CS).b(0x68).d32(0x6000).b(0x48, 0xcf); // iretq to user mode
        new Code(m, 0x6000).storeRax(0x260000);
        m.run(0x4000, 100);
        assertEquals(PagingMmu.PF_PRESENT | PagingMmu.PF_WRITE | PagingMmu.PF_USER, m.get64(0x9108));
        long rsp = m.get64(0x9110);
        assertEquals(Machine.KERNEL_STACK - 40, rsp);
        assertEquals(0x6000, m.get64(rsp));
        assertEquals(Machine.USER_CS, m.get64(rsp + 8));
        assertEquals(Machine.USER_STACK, m.get64(rsp + 24));
        assertEquals(Machine.USER_DS, m.get64(rsp + 32));
        assertEquals(0, s.cpl);
        assertEquals(0, s.segments[Segment.SS].selector);
    }

    @Test
    void istStackIsUsedAndIretqReturns() {
        m.enterLongMode();
        new Code(m, 0x5000).b(0x48, 0x89, 0x24, 0x25).d32(0x9110).b(0x48, 0xcf); // mov [0x9110], rsp ; iretq
        m.gate64(3, 0x5000, 3, 1, true);
        new Code(m, 0x4000).b(0xcc).hlt(); // int3 ; hlt
        long rsp = s.gpr[Reg.RSP];
        m.run(0x4000, 100);
        assertTrue(s.halted);
        assertEquals(Machine.IST_STACK - 40, m.get64(0x9110));
        assertEquals(0x4002, s.rip);
        assertEquals(rsp, s.gpr[Reg.RSP]);
    }

    @Test
    void syscallAndSysretRoundTripWithSwapgs() {
        m.enterLongMode();
        s.lstar = 0x5800;
        s.sfmask = 0x200;
        s.kernelGsBase = 0x3bc000;
        new Code(m, 0x5800).b(0x0f, 0x01, 0xf8)                 // swapgs
                .b(0x65, 0x48, 0x8b, 0x04, 0x25).d32(0)          // mov rax, gs:[0] (reads 0xabc000)
                .storeRax(0x9200).b(0x48, 0x89, 0x0c, 0x25).d32(0x9208) // mov [0x9208], rcx
                .b(0x0f, 0x01, 0xf8, 0x48, 0x0f, 0x07);           // swapgs ; sysretq
        m.put64(0x3bc000, 0x5555);
        new Code(m, 0x4000).b(0x6a, Machine.USER_DS).b(0x68).d32(Machine.USER_STACK).b(0x68).d32(0x202)
                .b(0x6a, Machine.USER_CS).b(0x68).d32(0x6000).b(0x48, 0xcf);
        new Code(m, 0x6000).b(0x0f, 0x05, 0xeb, 0xfe); // syscall ; jmp $
        m.run(0x4000, 40);
        assertEquals(0x5555, m.get64(0x9200));
        assertEquals(0x6002, m.get64(0x9208));
        assertEquals(3, s.cpl);
        assertEquals(Machine.USER_CS, s.segments[Segment.CS].selector);
        assertEquals(Machine.USER_DS, s.segments[Segment.SS].selector);
        assertEquals(0x6002, s.rip);
        assertTrue(s.interruptsEnabled(), "RFLAGS restored from R11");
        assertEquals(0x3bc000, s.kernelGsBase);
    }

    @Test
    void faultsThatCannotBeDeliveredEndInATripleFault() {
        m.enterLongMode();
        s.idtr.limit = 0;
        new Code(m, 0x4000).b(0x0f, 0x0b); // ud2
        assertEquals(StopReason.TRIPLE_FAULT, m.run2(0x4000));
        assertTrue(m.cpu.inShutdown());
        assertEquals(StopReason.TRIPLE_FAULT, m.cpu.runSlice(10));
    }

    @Test
    void staleTranslationsStayUntilInvlpgAndAccessedDirtyBitsAreSet() {
        m.enterLongMode();
        m.put64(0x250000, 1);
        m.put64(0x251000, 2);
        long pte = m.pteAddress(0x250000);
        new Code(m, 0x4000).loadRax(0x250000).storeRax(0x9300)
                .storeImm(pte, 0x251007)
                .loadRax(0x250000).storeRax(0x9308)
                .b(0x0f, 0x01, 0x3c, 0x25).d32(0x250000)  // invlpg [0x250000]
                .loadRax(0x250000).storeRax(0x9310).hlt();
        m.run(0x4000, 100);
        assertEquals(1, m.get64(0x9300));
        assertEquals(1, m.get64(0x9308), "the TLB still holds the old translation");
        assertEquals(2, m.get64(0x9310));
        assertEquals(0x60, m.get64(m.pteAddress(0x9000)) & 0x60, "accessed and dirty");
        assertEquals(0x20, m.get64(pte) & 0x60, "accessed, not dirty");
        assertTrue((m.get64(Machine.PML4) & 0x20) != 0);
    }

    @Test
    void globalPagesSurviveCr3ReloadButNotAPgeToggle() {
        m.enterLongMode();
        m.put64(0x250000, 1);
        m.put64(0x251000, 2);
        long pte = m.pteAddress(0x250000);
        m.put64(pte, 0x250000L | 0x107);
        new Code(m, 0x4000).loadRax(0x250000).storeRax(0x9300)
                .storeImm(pte, 0x251107)
                .movRax(Machine.PML4).b(0x0f, 0x22, 0xd8)     // mov cr3, rax
                .loadRax(0x250000).storeRax(0x9308)
                .b(0x0f, 0x20, 0xe0, 0x48, 0x35).d32(0x80)   // mov rax, cr4 ; xor rax, PGE
                .b(0x0f, 0x22, 0xe0, 0x48, 0x35).d32(0x80)   // mov cr4, rax ; xor rax, PGE
                .b(0x0f, 0x22, 0xe0)                          // mov cr4, rax
                .loadRax(0x250000).storeRax(0x9310).hlt();
        m.run(0x4000, 100);
        assertEquals(1, m.get64(0x9308));
        assertEquals(2, m.get64(0x9310));
    }

    @Test
    void noExecutePageFaultsOnFetchWithTheInstructionBit() {
        m.enterLongMode();
        m.gate64(CpuException.PAGE_FAULT, faultRecorder(0x5000), 0, 0, false);
        m.put64(m.pteAddress(0x7000), 0x7000L | 3 | (1L << 63));
        new Code(m, 0x7000).hlt();
        new Code(m, 0x4000).b(0xe9).d32(0x7000 - 0x4005); // jmp 0x7000
        m.run(0x4000, 100);
        assertEquals(0x7000, m.get64(0x9100));
        assertEquals(PagingMmu.PF_PRESENT | PagingMmu.PF_FETCH, m.get64(0x9108));
    }

    @Test
    void unknownMsrsRaiseGeneralProtectionAndTheApicBaseGoesToTheHandler() {
        long[] apicBase = {0xfee00900L};
        Machine mm = new Machine(0, new MsrHandler() {
            @Override
            public boolean handles(int msr) {
                return msr == MsrHandler.IA32_APIC_BASE;
            }

            @Override
            public long read(Cpu cpu, int msr) {
                return apicBase[0];
            }

            @Override
            public void write(Cpu cpu, int msr, long value) {
                apicBase[0] = value;
            }
        });
        mm.enterLongMode();
        new Code(mm, 0x5000).b(0x58).storeRax(0x9108).hlt(); // #GP: pop error code ; store ; hlt
        mm.gate64(CpuException.GENERAL_PROTECTION, 0x5000, 0, 0, false);
        new Code(mm, 0x4000).b(0xb9).d32(0x1b).b(0x0f, 0x32).storeRax(0x9000)     // rdmsr APIC_BASE
                .b(0xb8).d32(0xfee00800L).b(0x31, 0xd2, 0x0f, 0x30)                  // wrmsr APIC_BASE (x2APIC off)
                .b(0xb9).d32(0x10).b(0x31, 0xc0, 0xba).d32(1).b(0x0f, 0x30)          // wrmsr TSC = 1 << 32
                .b(0x0f, 0x31).b(0x89, 0x14, 0x25).d32(0x9010)                       // rdtsc ; mov [0x9010], edx
                .b(0xb9).d32(0x12345).b(0x0f, 0x32).hlt();                            // rdmsr unknown
        mm.state.gpr[Reg.RAX] = -1;
        mm.run(0x4000, 100);
        assertEquals(0xfee00900L, mm.get64(0x9000));
        assertEquals(0xfee00800L, apicBase[0]);
        assertEquals(1, mm.get32(0x9010));
        assertEquals(0, mm.get64(0x9108));
        assertEquals(0x5000 + 1 + 8 + 1, mm.state.rip);
        assertTrue(mm.cpu.msrs().unknownAccesses().contains("rdmsr 0x12345"));
    }

    @Test
    void initParksTheCpuAndStartupRunsRealModeCodeAtTheVector() {
        m.put(0x9000, 0x8c, 0xc8, 0xb8, 0x34, 0x12, 0xf4); // mov ax, cs (discarded) ; mov ax, 0x1234 ; hlt
        m.cpu.requestInit();
        assertEquals(StopReason.WAITING_FOR_SIPI, m.cpu.runSlice(100));
        assertEquals(StopReason.WAITING_FOR_SIPI, m.cpu.runSlice(100));
        m.cpu.requestStartup(0x09);
        assertEquals(StopReason.HALTED, m.cpu.runSlice(100));
        assertEquals(CpuMode.REAL, s.mode);
        assertEquals(0x900, s.segments[Segment.CS].selector);
        assertEquals(0x1234, s.gpr[Reg.RAX] & 0xffff);
    }

    @Test
    void nmiIsDeliveredAndBlockedUntilIret() {
        m.enterLongMode();
        new Code(m, 0x5a00).b(0x48, 0xff, 0x04, 0x25).d32(0x9400).b(0xeb, 0xfe); // inc qword [0x9400] ; jmp $
        m.gate64(CpuException.NMI, 0x5a00, 0, 0, false);
        new Code(m, 0x4000).b(0xeb, 0xfe);
        m.run(0x4000, 10);
        m.cpu.requestNmi();
        m.cpu.runSlice(10);
        assertEquals(1, m.get64(0x9400));
        m.cpu.requestNmi();
        m.cpu.runSlice(10);
        assertEquals(1, m.get64(0x9400), "blocked while the handler runs");
        m.physical.write(0x5a08, 2, 0xcf48); // the handler now returns with iretq (a write the decode cache sees)
        m.cpu.runSlice(10);
        assertEquals(2, m.get64(0x9400), "the pending NMI is taken after IRET");
    }

    @Test
    void hltWakesOnAnInterruptAfterTheStiShadow() {
        m.enterLongMode();
        boolean[] pending = {true};
        m.cpu.setInterruptSource(new InterruptSource() {
            @Override
            public boolean hasPendingInterrupt() {
                return pending[0];
            }

            @Override
            public int acknowledgeInterrupt() {
                pending[0] = false;
                return 0x30;
            }
        });
        new Code(m, 0x5b00).b(0x48, 0x8b, 0x04, 0x24).storeRax(0x9500).b(0x48, 0xcf); // mov rax, [rsp] ; store ; iretq
        m.gate64(0x30, 0x5b00, 0, 0, false);
        new Code(m, 0x4000).b(0xfb, 0xf4, 0xeb, 0xfe); // sti ; hlt ; jmp $
        m.run(0x4000, 20);
        assertEquals(0x4002, m.get64(0x9500), "delivered after HLT (the STI shadow covers HLT)");
        assertFalse(s.halted);
        assertEquals(0x4002, s.rip);
    }

    @Test
    void aLinkedSuccessorIsLookedUpAgainAfterItsPageIsRemapped() {
        remapLinkedSuccessor(0, () -> m.cpu.memory.mmu().invalidatePage(0x250000));
    }

    @Test
    void aLinkedSuccessorOnAGlobalPageIsLookedUpAgainAfterInvlpg() {
        remapLinkedSuccessor(PagingMmu.G, () -> m.cpu.memory.mmu().invalidatePage(0x250000));
    }

    @Test
    void aLinkedSuccessorOnANonGlobalPageIsLookedUpAgainAfterACr3Write() {
        remapLinkedSuccessor(0, () -> m.cpu.memory.mmu().flushTlb(false));
    }

    /** Runs a jump to 0x250000, remaps that page (with extra PTE bits) and invalidates; the new code must run. */
    private void remapLinkedSuccessor(long pteBits, Runnable invalidate) {
        m.enterLongMode();
        s.cr4 |= ControlBits.CR4_PGE;
        new Code(m, 0x300000).b(0xb8).d32(1).hlt();                      // mov eax, 1 ; hlt
        new Code(m, 0x301000).b(0xb8).d32(2).hlt();                      // mov eax, 2 ; hlt
        m.put64(m.pteAddress(0x250000), 0x300000L | 3 | pteBits);
        new Code(m, 0x4000).b(0xe9).d32(0x250000 - 0x4005);              // jmp 0x250000
        m.run(0x4000, 10);
        assertEquals(1, s.gpr[Reg.RAX]);
        m.put64(m.pteAddress(0x250000), 0x301000L | 3 | pteBits);
        invalidate.run();
        s.halted = false;
        m.run(0x4000, 10);
        assertEquals(2, s.gpr[Reg.RAX]);
    }

    @Test
    void codeWrittenByAnotherVcpuIsRedecoded() {
        m.enterLongMode();
        new Code(m, 0x7000).b(0xb8).d32(1).hlt();
        m.run(0x7000, 10);
        assertEquals(1, s.gpr[Reg.RAX]);
        CpuState other = new CpuState();
        Cpu b = m.secondCpu(other);
        copyLongMode(s, other);
        new Code(m, 0x7800).b(0xc6, 0x04, 0x25).d32(0x7001).b(2).hlt(); // mov byte [0x7001], 2
        other.rip = 0x7800;
        b.runSlice(10);
        s.halted = false;
        m.run(0x7000, 10);
        assertEquals(2, s.gpr[Reg.RAX]);
        assertTrue(m.cpu.blockCache().codeCache().invalidations() > 0);
    }

    @Test
    void codeADeviceWroteIsRedecoded() {
        m.enterLongMode();
        new Code(m, 0x7000).b(0xb8).d32(1).hlt();
        m.run(0x7000, 10);
        assertEquals(1, s.gpr[Reg.RAX]);
        m.guest.writeByte(0x7001, (byte) 2); // a device's DMA, as e1000 writes a received packet
        s.halted = false;
        m.run(0x7000, 10);
        assertEquals(2, s.gpr[Reg.RAX]);

        m.guest.writableSlice(0x7001, 1).set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 3); // a disk read into RAM
        m.guest.written(0x7001, 1);
        s.halted = false;
        m.run(0x7000, 10);
        assertEquals(3, s.gpr[Reg.RAX]);
    }

    private static void copyLongMode(CpuState from, CpuState to) {
        to.cr0 = from.cr0;
        to.cr3 = from.cr3;
        to.cr4 = from.cr4;
        to.efer = from.efer;
        for (int i = 0; i < Segment.COUNT; i++) {
            var r = from.segments[i];
            to.segments[i].load(r.selector, r.base, r.limit, r.attributes);
        }
        to.gdtr.base = from.gdtr.base;
        to.gdtr.limit = from.gdtr.limit;
        Segments.updateMode(to);
    }

    @Test
    void loadingAKernelDataSegmentAtCpl3RaisesGeneralProtectionWithTheSelector() {
        m.enterLongMode();
        new Code(m, 0x5000).b(0x58).storeRax(0x9108).hlt();
        m.gate64(CpuException.GENERAL_PROTECTION, 0x5000, 0, 0, false);
        new Code(m, 0x4000).b(0x6a, Machine.USER_DS).b(0x68).d32(Machine.USER_STACK).b(0x68).d32(0x2)
                .b(0x6a, Machine.USER_CS).b(0x68).d32(0x6000).b(0x48, 0xcf);
        new Code(m, 0x6000).b(0x66, 0xb8).d16(Machine.KERNEL_DS).b(0x8e, 0xd8); // mov ax, 0x18 ; mov ds, ax
        m.run(0x4000, 100);
        assertEquals(Machine.KERNEL_DS, m.get64(0x9108));
        assertEquals(0x5000 + 1 + 8 + 1, s.rip);
    }

    @Test
    void protectedModeInterruptGateAtTheSamePrivilege() {
        m.buildGdt();
        s.cr0 = 0x11;
        s.segments[Segment.CS].load(0x08, 0, 0xffffffff, 0xc09b);
        for (int r : new int[] {Segment.DS, Segment.ES, Segment.SS}) s.segments[r].load(0x18, 0, 0xffffffff, 0xc093);
        Segments.updateMode(s);
        assertEquals(CpuMode.PROTECTED_32, s.mode);
        long gate = 0x5000 | (0x08L << 16) | (0x8eL << 40);
        m.put64(Machine.IDT + 0x40 * 8, gate);
        new Code(m, 0x5000).b(0xb8).d32(0xcafe).b(0xcf); // mov eax, 0xcafe ; iretd
        new Code(m, 0x4000).b(0xcd, 0x40).hlt();
        s.gpr[Reg.RSP] = 0x8000;
        s.setRflags(0x202);
        m.run(0x4000, 100);
        assertEquals(0xcafe, s.gpr[Reg.RAX]);
        assertEquals(0x8000, s.gpr[Reg.RSP]);
        assertTrue(s.interruptsEnabled());
        assertEquals(0x4003, s.rip);
    }

    private void flat32(long cr0, long cr4, long cr3) {
        m.buildGdt();
        s.cr0 = cr0;
        s.cr4 = cr4;
        s.cr3 = cr3;
        s.segments[Segment.CS].load(0x08, 0, 0xffffffff, 0xc09b);
        for (int r : new int[] {Segment.DS, Segment.ES, Segment.SS}) s.segments[r].load(0x18, 0, 0xffffffff, 0xc093);
        Segments.updateMode(s);
        m.put32(0x250000, 0xfeedbeef);
        new Code(m, 0x4000).b(0xa1).d32(0x410000).b(0xa3).d32(0x9000).hlt(); // mov eax, [0x410000] ; mov [0x9000], eax
    }

    @Test
    void thirtyTwoBitPagingWithA4MiBPageAndA4KiBPage() {
        flat32(0x80000011L, ControlBits.CR4_PSE, 0x20000);
        m.put32(0x20000, 0x83);                 // 0..4 MiB: one 4 MiB page
        m.put32(0x20004, 0x21000 | 3);          // 4..8 MiB: page table
        m.put32(0x21000 + 0x10 * 4, 0x250003);  // 0x410000 -> 0x250000
        m.run(0x4000, 100);
        assertEquals(0xfeedbeef, m.get32(0x9000));
        assertEquals(0x20, m.get32(0x21000 + 0x10 * 4) & 0x60, "accessed");
        assertEquals(0x60, m.get32(0x20000) & 0x60, "accessed and dirty (the 4 MiB page was written)");
    }

    @Test
    void paePagingWithoutLongMode() {
        flat32(0x80000011L, ControlBits.CR4_PAE, 0x20000);
        m.put64(0x20000, 0x21000 | 1);          // PDPTE 0
        m.put64(0x21000, 0x83);                 // 0..2 MiB: 2 MiB page
        m.put64(0x21000 + 2 * 8, 0x22000 | 3);  // 4..6 MiB: page table
        m.put64(0x22000 + 0x10 * 8, 0x250003);
        m.run(0x4000, 100);
        assertEquals(CpuMode.PROTECTED_32, s.mode);
        assertEquals(0xfeedbeef, m.get32(0x9000));
    }

    @Test
    void cpuidReportsPerVcpuApicIdsTopologyAndInvariantTsc() {
        var t = dev.jkvm.tcg.CpuidTable.forVcpu(1, 2);
        assertEquals(1, t.query(1, 0)[1] >>> 24);
        assertEquals(2, (t.query(1, 0)[1] >>> 16) & 0xff);
        assertEquals(1, t.query(0xb, 0)[3]);
        assertEquals(2, t.query(0xb, 1)[1]);
        assertTrue((t.query(0x80000007, 0)[3] & (1 << 8)) != 0);
        assertEquals(1, t.query(0x80000008, 0)[2] & 0xff);
        int edx = t.query(1, 0)[3];
        assertTrue((edx & (1 << 6)) != 0 && (edx & (1 << 13)) != 0, "PAE, PGE");
        assertFalse((t.query(1, 0)[2] & (1 << 21)) != 0, "no x2APIC");
        assertFalse((t.query(1, 0)[2] & (1 << 31)) != 0, "not a hypervisor");
    }
}
