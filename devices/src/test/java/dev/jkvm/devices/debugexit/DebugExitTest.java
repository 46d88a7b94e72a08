package dev.jkvm.devices.debugexit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DebugExitTest {
    private final List<Integer> statuses = new ArrayList<>();
    private final DebugExit port = new DebugExit(statuses::add);

    @Test
    void writtenValueBecomesShiftedOddStatus() {
        port.write(0, 1, 0x00);
        port.write(0, 1, 0x10);
        port.write(0, 2, 0x1234);
        port.write(0, 4, 0x7fff_ffffL);
        assertEquals(List.of(0x01, 0x21, 0x2469, 0xffff_ffff), statuses);
    }

    @Test
    void onlyTheAccessedBytesCount() {
        port.write(0, 1, 0x1ff);
        port.write(0, 2, 0xf_0001);
        assertEquals(List.of(0x1ff, 0x03), statuses);
    }

    @Test
    void readsReturnZeroAndDoNotExit() {
        assertEquals(0, port.read(0, 1));
        assertEquals(0, port.read(0, 4));
        assertEquals(List.of(), statuses);
    }
}
