package dev.jkvm.devices.pic;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PicPairTest {
    private static final int MASTER_BASE = 0x20, SLAVE_BASE = 0x28;
    private static final int READ_IRR = 0x0a, READ_ISR = 0x0b, POLL = 0x0c, NON_SPECIFIC_EOI = 0x20;

    private final List<Boolean> intChanges = new ArrayList<>();
    private final PicPair pic = new PicPair(intChanges::add);
    private final BusDevice master = pic.master();
    private final BusDevice slave = pic.slave();

    private static void init(BusDevice chip, int vectorBase, int icw3, int icw4) {
        chip.write(0, 1, 0x11); // ICW1: edge, cascade, ICW4 follows
        chip.write(1, 1, vectorBase);
        chip.write(1, 1, icw3);
        chip.write(1, 1, icw4);
    }

    private void initBoth(int icw4) {
        init(master, MASTER_BASE, 0x04, icw4);
        init(slave, SLAVE_BASE, 0x02, icw4);
    }

    private static int register(BusDevice chip, int ocw3) {
        chip.write(0, 1, ocw3);
        return (int) chip.read(0, 1);
    }

    @Test
    void initialisationSetsVectorBaseAndClearsTheMask() {
        initBoth(0x01);
        assertEquals(0, master.read(1, 1));
        master.write(1, 1, 0xfb);
        assertEquals(0xfb, master.read(1, 1), "OCW1 after initialisation is the mask");
        master.write(1, 1, 0);
        pic.line(1).pulse();
        assertTrue(pic.hasInterrupt());
        assertEquals(0x02, register(master, READ_IRR));
        assertEquals(MASTER_BASE + 1, pic.acknowledge());
        assertEquals(0x00, register(master, READ_IRR));
        assertEquals(0x02, register(master, READ_ISR));
        assertFalse(pic.hasInterrupt());
        master.write(0, 1, NON_SPECIFIC_EOI);
        assertEquals(0x00, register(master, READ_ISR));
    }

    @Test
    void reinitialisationDropsLatchedEdgesAndInService() {
        initBoth(0x01);
        pic.line(3).pulse();
        pic.line(4).pulse();
        pic.acknowledge();
        init(master, MASTER_BASE, 0x04, 0x01);
        assertEquals(0, register(master, READ_IRR));
        assertEquals(0, register(master, READ_ISR));
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void fullyNestedPriorityBlocksLowerAndAdmitsHigher() {
        initBoth(0x01);
        pic.line(3).pulse();
        assertEquals(MASTER_BASE + 3, pic.acknowledge());
        pic.line(5).pulse();
        assertFalse(pic.hasInterrupt(), "IRQ5 waits behind IRQ3 in service");
        pic.line(1).pulse();
        assertTrue(pic.hasInterrupt(), "IRQ1 outranks IRQ3");
        assertEquals(MASTER_BASE + 1, pic.acknowledge());
        master.write(0, 1, NON_SPECIFIC_EOI); // ends IRQ1, the highest in service
        assertEquals(0x08, register(master, READ_ISR));
        assertFalse(pic.hasInterrupt());
        master.write(0, 1, 0x60 | 3); // specific EOI for IRQ3
        assertTrue(pic.hasInterrupt());
        assertEquals(MASTER_BASE + 5, pic.acknowledge());
    }

    @Test
    void maskHoldsALatchedEdgeUntilUnmasked() {
        initBoth(0x01);
        master.write(1, 1, 0x10);
        pic.line(4).pulse();
        assertFalse(pic.hasInterrupt());
        assertEquals(0x10, register(master, READ_IRR));
        master.write(1, 1, 0x00);
        assertTrue(pic.hasInterrupt());
        assertEquals(MASTER_BASE + 4, pic.acknowledge());
    }

    @Test
    void slaveInterruptsCascadeThroughIrq2() {
        initBoth(0x01);
        pic.line(10).pulse();
        assertTrue(pic.hasInterrupt());
        assertEquals(SLAVE_BASE + 2, pic.acknowledge());
        assertEquals(0x04, register(master, READ_ISR));
        assertEquals(0x04, register(slave, READ_ISR));
        pic.line(12).pulse();
        assertFalse(pic.hasInterrupt(), "the master's IRQ2 is still in service");
        slave.write(0, 1, NON_SPECIFIC_EOI);
        assertFalse(pic.hasInterrupt());
        master.write(0, 1, NON_SPECIFIC_EOI);
        assertTrue(pic.hasInterrupt());
        assertEquals(SLAVE_BASE + 4, pic.acknowledge());
    }

    @Test
    void slaveMaskAndMasterMaskBothGateCascade() {
        initBoth(0x01);
        slave.write(1, 1, 0x01);
        pic.line(8).pulse();
        assertFalse(pic.hasInterrupt());
        slave.write(1, 1, 0x00);
        master.write(1, 1, 0x04);
        assertFalse(pic.hasInterrupt());
        master.write(1, 1, 0x00);
        assertEquals(SLAVE_BASE, pic.acknowledge());
    }

    @Test
    void levelTriggeredInputsFollowTheLineAndRepeatAfterEoi() {
        initBoth(0x01);
        pic.elcr().write(1, 1, 0x08); // IRQ11 level-triggered
        IrqLine irq11 = pic.line(11);
        irq11.raise();
        assertEquals(SLAVE_BASE + 3, pic.acknowledge());
        slave.write(0, 1, NON_SPECIFIC_EOI);
        master.write(0, 1, NON_SPECIFIC_EOI);
        assertTrue(pic.hasInterrupt(), "still asserted after EOI: delivered again");
        irq11.lower();
        assertFalse(pic.hasInterrupt());
        assertEquals(0, register(slave, READ_IRR));
    }

    @Test
    void edgeTriggeredInputsLatchAPulse() {
        initBoth(0x01);
        pic.line(11).pulse();
        assertTrue(pic.hasInterrupt());
        assertEquals(0x08, register(slave, READ_IRR));
    }

    @Test
    void levelModeForAllInputsViaIcw1() {
        master.write(0, 1, 0x19); // LTIM
        master.write(1, 1, MASTER_BASE);
        master.write(1, 1, 0x04);
        master.write(1, 1, 0x01);
        IrqLine irq5 = pic.line(5);
        irq5.raise();
        assertTrue(pic.hasInterrupt());
        irq5.lower();
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void elcrBitsOfEdgeOnlyIrqsAreReadOnly() {
        pic.elcr().write(0, 1, 0xff);
        pic.elcr().write(1, 1, 0xff);
        assertEquals(0xf8, pic.elcr().read(0, 1));
        assertEquals(0xde, pic.elcr().read(1, 1));
        assertEquals(0xdef8, pic.elcr().read(0, 2));
    }

    @Test
    void autoEoiLeavesNothingInService() {
        initBoth(0x03);
        pic.line(6).pulse();
        assertEquals(MASTER_BASE + 6, pic.acknowledge());
        assertEquals(0, register(master, READ_ISR));
        pic.line(7).pulse();
        assertTrue(pic.hasInterrupt());
    }

    @Test
    void requestGoneBeforeAcknowledgeGivesSpuriousIrq7() {
        initBoth(0x01);
        pic.elcr().write(0, 1, 0x20);
        IrqLine irq5 = pic.line(5);
        irq5.raise();
        assertTrue(pic.hasInterrupt());
        irq5.lower();
        assertEquals(MASTER_BASE + 7, pic.acknowledge());
        assertEquals(0, register(master, READ_ISR));
    }

    @Test
    void slaveRequestWithdrawnBeforeAcknowledgeLeavesNothingPending() {
        initBoth(0x01);
        pic.elcr().write(1, 1, 0x02); // IRQ9 level-triggered
        IrqLine irq9 = pic.line(9);
        irq9.raise();
        assertTrue(pic.hasInterrupt());
        irq9.lower();
        assertFalse(pic.hasInterrupt());
        assertEquals(0, register(master, READ_IRR));
    }

    @Test
    void pollCommandAcknowledgesTheHighestRequest() {
        initBoth(0x01);
        pic.line(4).pulse();
        pic.line(6).pulse();
        master.write(0, 1, POLL);
        assertEquals(0x84, master.read(0, 1));
        assertEquals(0x10, register(master, READ_ISR));
        master.write(0, 1, POLL);
        assertEquals(0x00, master.read(0, 1), "IRQ6 waits behind IRQ4 in service");
    }

    @Test
    void setPriorityRotatesTheOrder() {
        initBoth(0x01);
        master.write(0, 1, 0xc0 | 3); // IRQ3 lowest, so IRQ4 highest
        pic.line(1).pulse();
        pic.line(5).pulse();
        assertEquals(MASTER_BASE + 5, pic.acknowledge());
    }

    @Test
    void rotateOnEoiMakesTheServedIrqLowest() {
        initBoth(0x01);
        pic.line(0).pulse();
        assertEquals(MASTER_BASE, pic.acknowledge());
        master.write(0, 1, 0xa0); // rotate on non-specific EOI
        pic.line(0).pulse();
        pic.line(1).pulse();
        assertEquals(MASTER_BASE + 1, pic.acknowledge(), "IRQ0 became the lowest priority");
    }

    @Test
    void specialMaskModeLetsLowerPrioritiesThrough() {
        initBoth(0x01);
        pic.line(1).pulse();
        pic.acknowledge();
        master.write(1, 1, 0x02);
        master.write(0, 1, 0x68); // set special mask mode
        pic.line(5).pulse();
        assertTrue(pic.hasInterrupt());
        master.write(0, 1, 0x48); // reset special mask mode
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void listenerSeesEachOutputChange() {
        initBoth(0x01);
        pic.line(1).pulse();
        pic.acknowledge();
        assertEquals(List.of(true, false), intChanges);
    }

    @Test
    void cascadeInputIsNotADeviceLine() {
        assertThrows(IllegalArgumentException.class, () -> pic.line(2));
        assertThrows(IllegalArgumentException.class, () -> pic.line(16));
    }
}
