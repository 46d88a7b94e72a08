package dev.jkvm.accel.tcg;

import dev.jkvm.devices.bus.Bus;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.tcg.state.CpuState;
import dev.jkvm.tcg.state.Flags;
import dev.jkvm.tcg.state.Reg;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortReadBatchesTest {
    private static final BusDevice ZERO = new BusDevice() {
        public long read(long offset, int size) { return 0; }
        public void write(long offset, int size, long value) { }
    };

    private final Bus bus = new Bus(Bus.Kind.PIO);
    private final Bus.Window data = bus.register("ide-primary", 0x1f0, 8, ZERO);
    private final PortReadBatches batches = new PortReadBatches();
    private final CpuState s = new CpuState();

    /** Runs `rep ins` of count elements of size bytes to rdi, as the interpreter does, and returns the exits. */
    private int repIns(long rdi, long count, int size, long retired) {
        s.rip = 0x1000;
        s.gpr[Reg.RDI] = rdi;
        s.gpr[Reg.RCX] = count;
        int exits = 0;
        while (s.gpr[Reg.RCX] != 0) {
            if (batches.startsExit(data, size, s, retired)) exits++;
            s.gpr[Reg.RDI] += s.directionDown() ? -size : size;
            s.gpr[Reg.RCX]--;
        }
        return exits;
    }

    @Test
    void aSectorOfRepInswIsOneExit() {
        assertEquals(1, repIns(0x10000, 256, 2, 7));
    }

    @Test
    void theReadAheadHoldsAKibibyte() {
        assertEquals(2, repIns(0x10000, 1024, 2, 7), "2 KiB of words: 512 words a batch");
        assertEquals(4, repIns(0x20000, 1024, 4, 8), "4 KiB of dwords: 256 dwords a batch");
    }

    @Test
    void aBatchEndsAtTheBytesLeftInThePage() {
        assertEquals(2, repIns(0x10f00, 512, 1, 7), "256 bytes to the page end, then the next page");
        s.setRflags(Flags.FIXED_ONE | Flags.DF);
        assertEquals(3, repIns(0x10100, 512, 1, 8), "downwards: 256 bytes, 1 at the page's first byte, then the rest");
    }

    @Test
    void separateInstructionsAreSeparateExits() {
        s.rip = 0x1000;
        s.gpr[Reg.RCX] = 100;
        assertEquals(true, batches.startsExit(data, 1, s, 1));
        assertEquals(true, batches.startsExit(data, 1, s, 2), "the same IN executed again");
        s.rip = 0x1002;
        assertEquals(true, batches.startsExit(data, 1, s, 3));
    }

    @Test
    void anotherExitEndsTheBatch() {
        s.rip = 0x1000;
        s.gpr[Reg.RCX] = 100;
        batches.startsExit(data, 2, s, 1);
        batches.end();
        assertEquals(true, batches.startsExit(data, 2, s, 1));
    }
}
