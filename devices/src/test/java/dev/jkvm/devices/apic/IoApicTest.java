package dev.jkvm.devices.apic;

import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import static dev.jkvm.devices.apic.ApicTestRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoApicTest {
    private static final int IOREGSEL = 0x00, IOWIN = 0x10;
    private static final int ACTIVE_LOW = 1 << 13, REMOTE_IRR = 1 << 14, LEVEL = 1 << 15;

    private final VirtualClock clock = new VirtualClock();
    private final ApicBus bus = new ApicBus();
    private final LocalApic cpu0 = new LocalApic(0, true, clock, bus, new RecordingCpuSignals());
    private final LocalApic cpu1 = new LocalApic(1, false, clock, bus, new RecordingCpuSignals());
    private final IoApic ioapic = new IoApic(2, bus);

    IoApicTest() {
        bus.attach(cpu0);
        bus.attach(cpu1);
        bus.attach(ioapic);
        write(cpu0, SVR, SOFTWARE_ENABLED_SVR);
        write(cpu1, SVR, SOFTWARE_ENABLED_SVR);
    }

    private int register(int index) {
        ioapic.write(IOREGSEL, 1, index);
        return (int) ioapic.read(IOWIN, 4);
    }

    private void setRegister(int index, int value) {
        ioapic.write(IOREGSEL, 4, index);
        ioapic.write(IOWIN, 4, Integer.toUnsignedLong(value));
    }

    private void route(int pin, int low, int destination) {
        setRegister(0x11 + 2 * pin, destination << 24);
        setRegister(0x10 + 2 * pin, low);
    }

    /** Takes the pending interrupt on a CPU and writes EOI, as a handler would. */
    private static void service(LocalApic lapic, int vector) {
        assertEquals(vector, lapic.acknowledge());
        write(lapic, EOI, 0);
    }

    @Test
    void identificationRegisters() {
        assertEquals(2 << 24, register(0x00));
        assertEquals(0x0017_0011, register(0x01), "version 0x11, 24 entries");
        assertEquals(2 << 24, register(0x02));
        assertEquals(0x02, ioapic.read(IOREGSEL, 1), "IOREGSEL reads back");
        setRegister(0x00, 0x0500_0000);
        assertEquals(0x0500_0000, register(0x00));
        assertEquals(0x0500_0000, register(0x02), "arbitration ID follows");
        setRegister(0x01, 0);
        assertEquals(0x0017_0011, register(0x01));
        assertEquals(0x17, ioapic.read(IOWIN + 2, 1));
    }

    @Test
    void redirectionEntriesResetMaskedAndKeepOnlyWritableBits() {
        for (int pin = 0; pin < IoApic.PINS; pin++) assertEquals(MASKED, register(0x10 + 2 * pin), "pin " + pin);
        setRegister(0x10 + 2 * 23, 0xffff_ffff);
        setRegister(0x11 + 2 * 23, 0xffff_ffff);
        assertEquals(0x0001_afff, register(0x10 + 2 * 23), "delivery status and remote IRR are read-only");
        assertEquals(0xff00_0000, register(0x11 + 2 * 23));
        assertEquals(MASKED, register(0x10 + 2 * 22));
        assertEquals(0, register(0x10 + 2 * 24), "past the table");
        assertThrows(IllegalArgumentException.class, () -> ioapic.input(24));
    }

    @Test
    void maskedInputDeliversNothing() {
        route(4, MASKED | 0x34, 0);
        ioapic.input(4).pulse();
        assertEquals(-1, cpu0.pendingVector());
        route(4, 0x34, 0);
        assertEquals(-1, cpu0.pendingVector(), "an edge seen while masked is lost");
    }

    @Test
    void edgeTriggeredInputDeliversOnRisingEdges() {
        route(2, 0x30, 1);
        IrqLine line = ioapic.input(2);
        line.raise();
        assertEquals(0x30, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
        assertFalse(bit(cpu1, TMR, 0x30));
        service(cpu1, 0x30);
        line.raise();
        assertEquals(-1, cpu1.pendingVector(), "no edge, no interrupt");
        line.lower();
        line.raise();
        assertEquals(0x30, cpu1.pendingVector());
    }

    @Test
    void levelTriggeredInputWaitsForEoiAndRedeliversWhileAsserted() {
        route(16, LEVEL | ACTIVE_LOW | 0x50, 0);
        IrqLine line = ioapic.input(16);
        line.set(true);
        assertEquals(0x50, cpu0.acknowledge());
        assertTrue(bit(cpu0, TMR, 0x50), "level-triggered in TMR");
        assertEquals(LEVEL | ACTIVE_LOW | REMOTE_IRR | 0x50, register(0x30));
        line.set(true);
        assertEquals(-1, cpu0.pendingVector(), "remote IRR holds further deliveries");

        write(cpu0, EOI, 0);
        assertEquals(0x50, cpu0.pendingVector(), "still asserted after EOI: delivered again");
        assertEquals(REMOTE_IRR, register(0x30) & REMOTE_IRR);

        assertEquals(0x50, cpu0.acknowledge());
        line.set(false);
        write(cpu0, EOI, 0);
        assertEquals(-1, cpu0.pendingVector(), "deasserted before EOI: nothing more");
        assertEquals(0, register(0x30) & REMOTE_IRR);
    }

    @Test
    void eoiForAnotherVectorLeavesRemoteIrr() {
        route(17, LEVEL | 0x51, 0);
        ioapic.input(17).set(true);
        assertEquals(0x51, cpu0.acknowledge());
        bus.deliver(fixed(0, 0x90));
        service(cpu0, 0x90);
        assertEquals(REMOTE_IRR, register(0x32) & REMOTE_IRR);
    }

    @Test
    void unmaskingAnAssertedLevelInputDelivers() {
        route(18, MASKED | LEVEL | 0x52, 0);
        ioapic.input(18).set(true);
        assertEquals(-1, cpu0.pendingVector());
        route(18, LEVEL | 0x52, 0);
        assertEquals(0x52, cpu0.pendingVector());
    }

    @Test
    void switchingToEdgeClearsRemoteIrr() {
        route(19, LEVEL | 0x53, 0);
        ioapic.input(19).set(true);
        assertEquals(0x53, cpu0.acknowledge());
        setRegister(0x10 + 2 * 19, MASKED | 0x53);
        assertEquals(0, register(0x10 + 2 * 19) & REMOTE_IRR);
        setRegister(0x10 + 2 * 19, LEVEL | 0x53);
        write(cpu0, EOI, 0);
        assertTrue(bit(cpu0, IRR, 0x53), "the asserted input delivers once unmasked as level again");
    }

    @Test
    void unacceptedLevelMessageDoesNotSetRemoteIrr() {
        write(cpu1, SVR, 0xff);
        route(20, LEVEL | 0x54, 1);
        ioapic.input(20).set(true);
        assertEquals(0, register(0x10 + 2 * 20) & REMOTE_IRR);
    }

    @Test
    void logicalDestinationReachesTheMatchingCpu() {
        write(cpu0, LDR, 0x01 << 24);
        write(cpu1, LDR, 0x02 << 24);
        route(5, (1 << 11) | 0x35, 0x02);
        ioapic.input(5).pulse();
        assertEquals(0x35, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
    }
}
