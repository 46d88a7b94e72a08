package dev.jkvm.devices.apic;

import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.jkvm.devices.apic.ApicTestRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterprocessorInterruptTest {
    private static final int LOGICAL = 1 << 11, DELIVERY_PENDING = 1 << 12;
    private static final int SELF = 1 << 18, ALL_INCLUDING_SELF = 2 << 18, ALL_EXCLUDING_SELF = 3 << 18;
    private static final int NMI = 4 << 8, INIT_ASSERT = 0xc500, INIT_DEASSERT = 0x8500, STARTUP = 6 << 8;
    private static final int LOWEST_PRIORITY = 1 << 8;

    private final VirtualClock clock = new VirtualClock();
    private final ApicBus bus = new ApicBus();
    private final RecordingCpuSignals signals0 = new RecordingCpuSignals();
    private final RecordingCpuSignals signals1 = new RecordingCpuSignals();
    private final LocalApic cpu0 = new LocalApic(0, true, clock, bus, signals0);
    private final LocalApic cpu1 = new LocalApic(1, false, clock, bus, signals1);

    InterprocessorInterruptTest() {
        bus.attach(cpu1);
        bus.attach(cpu0);
        write(cpu0, SVR, SOFTWARE_ENABLED_SVR);
        write(cpu1, SVR, SOFTWARE_ENABLED_SVR);
    }

    private static void send(LocalApic from, int destination, int icrLow) {
        write(from, ICR_HIGH, destination << 24);
        write(from, ICR_LOW, icrLow);
    }

    @Test
    void fixedIpiReachesOnlyThePhysicalDestination() {
        send(cpu0, 1, 0x40);
        assertEquals(0x40, cpu1.pendingVector());
        assertEquals(1, signals1.interruptsPending);
        assertEquals(-1, cpu0.pendingVector());
        assertEquals(0x40, read(cpu0, ICR_LOW) & ~DELIVERY_PENDING, "ICR reads back");
        assertEquals(0, read(cpu0, ICR_LOW) & DELIVERY_PENDING, "delivery status reads idle");
        assertEquals(1 << 24, read(cpu0, ICR_HIGH));
    }

    @Test
    void initAndStartupReachTheTargetCpu() {
        write(cpu1, TPR, 0x20);
        send(cpu0, 1, INIT_ASSERT);
        assertEquals(1, signals1.inits);
        assertEquals(0, read(cpu1, TPR), "INIT resets the target's LAPIC");
        assertEquals(0xff, read(cpu1, SVR));
        assertEquals(0, signals0.inits);

        send(cpu0, 1, INIT_DEASSERT);
        assertEquals(1, signals1.inits, "INIT level de-assert does nothing");

        send(cpu0, 1, STARTUP | 0x98);
        send(cpu0, 1, STARTUP | 0x98);
        assertEquals(List.of(0x98, 0x98), signals1.startups);
        assertTrue(signals0.startups.isEmpty());
    }

    @Test
    void nmiReachesTheTarget() {
        send(cpu1, 0, NMI);
        assertEquals(1, signals0.nmis);
        assertEquals(0, signals1.nmis);
    }

    @Test
    void selfIpiIgnoresTheDestination() {
        send(cpu0, 1, SELF | 0x50);
        assertEquals(0x50, cpu0.pendingVector());
        assertEquals(-1, cpu1.pendingVector());
    }

    @Test
    void broadcastShorthands() {
        send(cpu0, 0, ALL_EXCLUDING_SELF | 0x60);
        assertEquals(0x60, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());

        send(cpu1, 0, ALL_INCLUDING_SELF | 0x61);
        assertEquals(0x61, cpu0.pendingVector());
        assertEquals(0x61, cpu1.pendingVector());
    }

    @Test
    void physicalBroadcastDestination() {
        send(cpu0, 0xff, 0x62);
        assertEquals(0x62, cpu0.pendingVector());
        assertEquals(0x62, cpu1.pendingVector());
    }

    @Test
    void logicalFlatDestinationMatchesLdrBits() {
        write(cpu0, LDR, 0x01 << 24);
        write(cpu1, LDR, 0x02 << 24);
        send(cpu0, 0x02, LOGICAL | 0x70);
        assertEquals(0x70, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
        send(cpu0, 0x03, LOGICAL | 0x71);
        assertEquals(0x71, cpu0.pendingVector());
        assertEquals(0x71, cpu1.pendingVector());
    }

    @Test
    void logicalClusterDestinationMatchesClusterAndMember() {
        for (LocalApic lapic : List.of(cpu0, cpu1)) write(lapic, DFR, 0x0fff_ffff);
        assertEquals(0x0fff_ffff, read(cpu0, DFR));
        write(cpu0, LDR, 0x11 << 24);
        write(cpu1, LDR, 0x22 << 24);
        send(cpu0, 0x12, LOGICAL | 0x70);
        assertEquals(-1, cpu0.pendingVector(), "member bit matches but cluster 1 has no member 2");
        assertEquals(-1, cpu1.pendingVector(), "member 2 but in cluster 2");
        send(cpu0, 0x22, LOGICAL | 0x71);
        assertEquals(0x71, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
    }

    @Test
    void lowestPriorityGoesToOneCpuOnly() {
        write(cpu0, LDR, 0x01 << 24);
        write(cpu1, LDR, 0x02 << 24);
        send(cpu1, 0x03, LOGICAL | LOWEST_PRIORITY | 0x72);
        assertEquals(0x72, cpu0.pendingVector());
        assertEquals(-1, cpu1.pendingVector());
    }

    @Test
    void softwareDisabledTargetStillTakesInitButNotInterrupts() {
        write(cpu1, SVR, 0xff);
        send(cpu0, 1, 0x40);
        assertFalse(bit(cpu1, IRR, 0x40));
        send(cpu0, 1, INIT_ASSERT);
        assertEquals(1, signals1.inits);
    }

    /** Two vCPUs interrupting each other while servicing a level-triggered IOAPIC input must not deadlock. */
    @Test
    void concurrentIpisAndLevelEoisDoNotDeadlock() {
        IoApic ioapic = new IoApic(2, bus);
        bus.attach(ioapic);
        ioapic.write(0x00, 4, 0x10);
        ioapic.write(0x10, 4, (1 << 15) | 0x80);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread a = Thread.ofPlatform().start(() -> exchange(cpu0, 1, ioapic));
            Thread b = Thread.ofPlatform().start(() -> exchange(cpu1, 0, ioapic));
            a.join();
            b.join();
        });
    }

    private static void exchange(LocalApic self, int other, IoApic ioapic) {
        for (int i = 0; i < 20_000; i++) {
            send(self, other, 0x40);
            ioapic.input(0).set((i & 1) == 0);
            int vector = self.pendingVector();
            if (vector >= 0) {
                self.acknowledge();
                write(self, EOI, 0);
            }
        }
    }
}
