package dev.jkvm.devices.apic;

import dev.jkvm.devices.time.VirtualClock;
import org.junit.jupiter.api.Test;

import static dev.jkvm.devices.apic.ApicTestRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApicBusTest {
    private final VirtualClock clock = new VirtualClock();
    private final ApicBus bus = new ApicBus();
    private final RecordingCpuSignals signals1 = new RecordingCpuSignals();
    private final LocalApic cpu0 = new LocalApic(0, true, clock, bus, new RecordingCpuSignals());
    private final LocalApic cpu1 = new LocalApic(1, false, clock, bus, signals1);

    ApicBusTest() {
        bus.attach(cpu0);
        bus.attach(cpu1);
        write(cpu0, SVR, SOFTWARE_ENABLED_SVR);
        write(cpu1, SVR, SOFTWARE_ENABLED_SVR);
    }

    @Test
    void msiAddressSelectsTheLapicAndDataTheVector() {
        bus.signal(0xfee0_1000L, 0x0041);
        assertEquals(0x41, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
        assertFalse(bit(cpu1, TMR, 0x41));
    }

    @Test
    void msiLogicalDestinationAndLevelTrigger() {
        write(cpu0, LDR, 0x01 << 24);
        write(cpu1, LDR, 0x02 << 24);
        bus.signal(0xfee0_1004L, 0xc042);
        assertEquals(0x42, cpu0.pendingVector(), "logical destination 1 is cpu0's LDR");
        assertTrue(bit(cpu0, TMR, 0x42));
        assertEquals(-1, cpu1.pendingVector());
    }

    @Test
    void msiDeliveryModeNmi() {
        bus.signal(0xfee0_1000L, 0x0400);
        assertEquals(1, signals1.nmis);
        assertEquals(-1, cpu1.pendingVector());
    }

    @Test
    void msiOutsideTheInterruptWindowIsDropped() {
        bus.signal(0xfed0_1000L, 0x0043);
        assertEquals(-1, cpu1.pendingVector());
        assertEquals(-1, cpu0.pendingVector());
    }

    @Test
    void duplicateApicIdIsRejected() {
        LocalApic twin = new LocalApic(1, false, clock, bus, new RecordingCpuSignals());
        assertThrows(IllegalArgumentException.class, () -> bus.attach(twin));
    }

    @Test
    void deliverCountsAcceptingLapics() {
        assertEquals(2, bus.deliver(fixed(0xff, 0x44)));
        write(cpu1, SVR, 0xff);
        assertEquals(1, bus.deliver(fixed(0xff, 0x45)));
        assertEquals(0, bus.deliver(fixed(7, 0x46)));
    }
}
