package dev.jkvm.devices.apic;

import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import static dev.jkvm.devices.apic.ApicTestRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalApicTest {
    private final VirtualClock clock = new VirtualClock();
    private final ApicBus bus = new ApicBus();
    private final RecordingCpuSignals signals = new RecordingCpuSignals();
    private final LocalApic lapic = new LocalApic(3, true, clock, bus, signals);

    LocalApicTest() {
        bus.attach(lapic);
    }

    private void enable() {
        write(lapic, SVR, SOFTWARE_ENABLED_SVR);
    }

    private int deliver(int vector) {
        return bus.deliver(fixed(3, vector));
    }

    @Test
    void idAndVersionAreReadOnly() {
        assertEquals(3 << 24, read(lapic, ID));
        assertEquals(0x0005_0014, read(lapic, VERSION), "version 0x14, max LVT entry 5");
        write(lapic, ID, 7 << 24);
        write(lapic, VERSION, 0);
        assertEquals(3 << 24, read(lapic, ID));
        assertEquals(0x0005_0014, read(lapic, VERSION));
    }

    @Test
    void powerUpStateIsSoftwareDisabledWithMaskedLvts() {
        assertEquals(0xff, read(lapic, SVR));
        assertEquals(0xffff_ffff, read(lapic, DFR));
        assertEquals(MASKED, read(lapic, LVT_TIMER));
        assertEquals(MASKED, read(lapic, LVT_ERROR));
        assertEquals(0x700, read(lapic, LVT_LINT0), "the BSP's LINT0 is left in ExtINT mode, unmasked");
        assertEquals(0xfee0_0900L, lapic.apicBaseMsr());
    }

    @Test
    void softwareDisabledApicRefusesInterruptsAndKeepsLvtsMasked() {
        assertEquals(0, deliver(0x40));
        assertEquals(-1, lapic.pendingVector());
        write(lapic, LVT_THERMAL, 0x45);
        assertEquals(MASKED | 0x45, read(lapic, LVT_THERMAL), "the mask cannot be cleared while disabled");

        enable();
        write(lapic, LVT_THERMAL, 0x45);
        assertEquals(0x45, read(lapic, LVT_THERMAL));
        assertEquals(1, deliver(0x40));
        assertEquals(0x40, lapic.pendingVector());

        write(lapic, SVR, 0xff);
        assertEquals(MASKED | 0x45, read(lapic, LVT_THERMAL), "software disable masks every LVT entry");
        assertEquals(MASKED | 0x700, read(lapic, LVT_LINT0));
    }

    @Test
    void taskPriorityBlocksVectorsOfTheSameOrLowerClass() {
        enable();
        deliver(0x45);
        write(lapic, TPR, 0x50);
        assertEquals(-1, lapic.pendingVector());
        assertEquals(0x50, read(lapic, PPR));
        write(lapic, TPR, 0x40);
        assertFalse(lapic.hasPendingInterrupt(), "class 4 does not outrank TPR class 4");
        write(lapic, TPR, 0x3f);
        assertEquals(0x45, lapic.pendingVector());
        assertEquals(0x3f, read(lapic, TPR));
    }

    @Test
    void interruptsAreServicedByPriorityAndRetiredHighestFirst() {
        enable();
        deliver(0x31);
        deliver(0x61);
        deliver(0x52);
        assertTrue(bit(lapic, IRR, 0x52));
        assertEquals(0x61, lapic.acknowledge());
        assertTrue(bit(lapic, ISR, 0x61));
        assertFalse(bit(lapic, IRR, 0x61));
        assertEquals(0x60, read(lapic, PPR), "PPR follows the in-service class above TPR");
        assertEquals(-1, lapic.pendingVector(), "0x52 waits behind 0x61 in service");

        deliver(0x71);
        assertEquals(0x71, lapic.acknowledge(), "a higher class nests");
        write(lapic, EOI, 0);
        assertFalse(bit(lapic, ISR, 0x71));
        assertTrue(bit(lapic, ISR, 0x61));
        assertEquals(-1, lapic.pendingVector());
        write(lapic, EOI, 0);
        assertEquals(0x52, lapic.acknowledge());
        write(lapic, EOI, 0);
        assertEquals(0x31, lapic.acknowledge());
        write(lapic, EOI, 0);
        assertEquals(0, read(lapic, PPR));
        assertEquals(-1, lapic.pendingVector());
    }

    @Test
    void acknowledgeWithNothingDeliverableReturnsTheSpuriousVector() {
        write(lapic, SVR, 0x1ef);
        deliver(0x45);
        write(lapic, TPR, 0xf0);
        assertEquals(0xef, lapic.acknowledge());
        assertTrue(bit(lapic, IRR, 0x45));
        assertFalse(bit(lapic, ISR, 0x45));
    }

    @Test
    void arbitrationPriorityFollowsTheHighestRequestOrServiceClass() {
        enable();
        write(lapic, TPR, 0x23);
        assertEquals(0x23, read(lapic, APR));
        deliver(0x45);
        assertEquals(0x40, read(lapic, APR));
    }

    @Test
    void deliverableInterruptWakesTheCpuButABlockedOneDoesNot() {
        enable();
        write(lapic, TPR, 0x80);
        deliver(0x45);
        assertEquals(0, signals.interruptsPending);
        deliver(0x95);
        assertEquals(1, signals.interruptsPending);
    }

    @Test
    void illegalVectorsAreReportedInEsrAfterTheNextEsrWrite() {
        enable();
        write(lapic, LVT_ERROR, 0xfe);
        deliver(0x05);
        assertFalse(bit(lapic, IRR, 0x05));
        assertEquals(0, read(lapic, ESR), "ESR shows errors only after a write");
        write(lapic, ESR, 0);
        assertEquals(0x40, read(lapic, ESR), "receive illegal vector");
        assertEquals(0xfe, lapic.pendingVector(), "the LVT error interrupt");

        write(lapic, ICR_LOW, 0x0004_0007);
        write(lapic, ESR, 0);
        assertEquals(0x20, read(lapic, ESR), "send illegal vector");
        write(lapic, ESR, 0);
        assertEquals(0, read(lapic, ESR));
    }

    @Test
    void narrowAndUnalignedAccessesSeeTheRegisterBytesAndWritesNeedFullWidth() {
        enable();
        assertEquals(3, lapic.read(ID + 3, 1));
        assertEquals(0, lapic.read(ID + 4, 4), "bytes past the register read zero");
        assertEquals(0x0005, lapic.read(VERSION + 2, 2));
        lapic.write(TPR, 1, 0x40);
        assertEquals(0, read(lapic, TPR), "a byte write is ignored");
        lapic.write(TPR + 4, 4, 0x40);
        assertEquals(0, read(lapic, TPR));
        lapic.write(TPR, 8, 0xffff_ffff_0000_0040L);
        assertEquals(0x40, lapic.read(TPR, 8));
        assertEquals(0, lapic.read(0xff0, 4), "unknown registers read zero");
    }

    @Test
    void globallyDisabledApicHandsTheCpuToThePic() {
        enable();
        write(lapic, LVT_LINT0, MASKED | 0x700);
        assertFalse(lapic.acceptsPicInterrupts());
        deliver(0x45);

        assertTrue(lapic.setApicBaseMsr(0xfee0_0000L));
        assertEquals(0xfee0_0100L, lapic.apicBaseMsr(), "the BSP flag stays");
        assertTrue(lapic.acceptsPicInterrupts());
        assertEquals(-1, lapic.pendingVector());
        assertEquals(0, deliver(0x46));
        assertEquals(0xffff_ffffL, lapic.read(ID, 4), "the page is not decoded");
        write(lapic, SVR, SOFTWARE_ENABLED_SVR);

        assertTrue(lapic.setApicBaseMsr(0xfee0_0800L));
        assertEquals(0xff, read(lapic, SVR), "re-enabled in the power-up state");
        assertFalse(bit(lapic, IRR, 0x45));
    }

    @Test
    void apicBaseMsrRejectsReservedBitsIncludingX2apicEnable() {
        assertFalse(lapic.setApicBaseMsr(0xfee0_0c00L), "x2APIC is not implemented");
        assertFalse(lapic.setApicBaseMsr(0xfee0_0801L));
        assertFalse(lapic.setApicBaseMsr(0x100_fee0_0800L), "beyond 40 physical address bits");
        assertEquals(0xfee0_0900L, lapic.apicBaseMsr());
    }

    @Test
    void applicationProcessorsIgnoreThePicUntilSoftwareEnablesLint0() {
        LocalApic ap = new LocalApic(1, false, clock, bus, signals);
        assertEquals(0xfee0_0800L, ap.apicBaseMsr());
        assertFalse(ap.acceptsPicInterrupts());
        write(ap, SVR, SOFTWARE_ENABLED_SVR);
        write(ap, LVT_LINT0, 0x700);
        assertTrue(ap.acceptsPicInterrupts());
        write(ap, LVT_LINT0, 0x000);
        assertFalse(ap.acceptsPicInterrupts(), "fixed mode is not ExtINT");
    }
}
