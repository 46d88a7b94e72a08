package dev.jkvm.devices.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualClockTest {
    @Test
    void timersFireInDeadlineOrderAndMayRearm() {
        VirtualClock clock = new VirtualClock();
        List<String> fired = new ArrayList<>();
        DeviceTimer[] periodic = new DeviceTimer[1];
        periodic[0] = clock.newTimer("tick", () -> {
            fired.add("tick@" + clock.nanos());
            periodic[0].armAt(clock.nanos() + 100);
        });
        DeviceTimer once = clock.newTimer("once", () -> fired.add("once@" + clock.nanos()));
        periodic[0].armAt(100);
        once.armAt(150);
        assertEquals(100, clock.nextDeadline());
        clock.advanceTo(99);
        assertTrue(fired.isEmpty());
        clock.advanceTo(150);
        assertEquals(List.of("tick@150", "once@150"), fired);
        assertFalse(once.armed());
        assertEquals(250, clock.nextDeadline());
        once.armAt(1000);
        once.cancel();
        clock.advanceTo(260);
        assertEquals(3, fired.size());
        assertEquals(360, clock.nextDeadline()); // re-armed from the time it ran, 260
    }

    @Test
    void timeNeverGoesBack() {
        VirtualClock clock = new VirtualClock();
        clock.advanceTo(500);
        clock.advanceTo(100);
        assertEquals(500, clock.nanos());
    }
}
