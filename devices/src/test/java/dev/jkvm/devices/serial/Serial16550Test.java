package dev.jkvm.devices.serial;

import dev.jkvm.devices.irq.RecordingIrqLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Serial16550Test {
    private static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5,
            MSR = 6, SCR = 7;

    private final RecordingIrqLine irq = new RecordingIrqLine();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final AtomicInteger spaceCallbacks = new AtomicInteger();
    private final Serial16550 uart = new Serial16550(irq, sent::write, spaceCallbacks::incrementAndGet);

    private int in(int offset) {
        return (int) uart.read(offset, 1);
    }

    private void out(int offset, int value) {
        uart.write(offset, 1, value);
    }

    @Test
    void resetStateMatchesDatasheet() {
        assertEquals(0x00, in(IER));
        assertEquals(0x01, in(IIR));
        assertEquals(0x00, in(LCR));
        assertEquals(0x00, in(MCR));
        assertEquals(0x60, in(LSR));
        assertEquals(0xb0, in(MSR) & 0xf0);
        assertFalse(irq.level());
    }

    @Test
    void interruptEnableRegisterHasFourBitsAsLinuxProbes() {
        out(IER, 0);
        assertEquals(0, in(IER) & 0x0f);
        out(IER, 0x0f);
        assertEquals(0x0f, in(IER) & 0x0f);
        out(IER, 0xff);
        assertEquals(0x0f, in(IER));
    }

    @Test
    void loopbackProbeReflectsModemControlInModemStatus() {
        out(MCR, 0x10 | 0x0a); // LOOP, RTS, OUT2: what Linux's 8250 autoconfig writes
        assertEquals(0x90, in(MSR) & 0xf0); // CTS and DCD
        out(MCR, 0x1f);
        assertEquals(0xf0, in(MSR) & 0xf0);
        out(MCR, 0x00);
        assertEquals(0xb0, in(MSR) & 0xf0);
    }

    @Test
    void loopbackSendsTransmittedBytesToTheReceiverOnly() {
        out(MCR, 0x18); // LOOP + OUT2
        out(IER, 0x01);
        out(THR, 'x');
        assertEquals(0x61, in(LSR)); // DR + THRE + TEMT
        assertFalse(irq.level(), "loopback forces OUT2 inactive, which gates the PC's IRQ");
        assertEquals(0x04, in(IIR));
        assertEquals('x', in(RBR));
        assertEquals(0, sent.size());
        assertEquals(0, uart.receive(new byte[] {1}), "the serial input is disconnected in loopback");
    }

    @Test
    void transmitterWritesToTheOutput() {
        out(THR, 'h');
        out(THR, 'i');
        assertArrayEquals(new byte[] {'h', 'i'}, sent.toByteArray());
        assertEquals(0x60, in(LSR));
    }

    @Test
    void divisorLatchSharesOffsetsZeroAndOneWhileDlabIsSet() {
        out(IER, 0x05);
        out(LCR, 0x83);
        out(DLL, 0x01);
        out(DLM, 0x02);
        assertEquals(0x01, in(DLL));
        assertEquals(0x02, in(DLM));
        out(LCR, 0x03);
        assertEquals(0x03, in(LCR));
        assertEquals(0x05, in(IER));
        assertEquals(0, sent.size(), "divisor writes are not transmitted");
        out(LCR, 0x80);
        assertEquals(0x0201, in(DLL) | in(DLM) << 8);
    }

    @Test
    void fifoEnableShowsInTopBitsOfIirAsLinuxDetects16550A() {
        out(LCR, 0xbf);
        out(2, 0); // EFR on enhanced UARTs, FCR here
        out(LCR, 0);
        out(FCR, 0x01);
        assertEquals(3, in(IIR) >> 6);
        out(LCR, 0x80);
        out(FCR, 0x21); // the 64-byte FIFO bit of a 16750
        assertEquals(0, in(IIR) & 0x20);
        out(LCR, 0);
        out(FCR, 0x00);
        assertEquals(0x01, in(IIR));
    }

    @Test
    void thrEmptyInterruptFollowsTheLinuxContract() {
        out(MCR, 0x08);
        out(IER, 0x02);
        assertTrue(irq.level());
        assertEquals(0x02, in(IIR));
        assertFalse(irq.level(), "reading IIR that reports THRE clears it");
        assertEquals(0x01, in(IIR));
        out(IER, 0x00);
        out(IER, 0x02);
        assertEquals(0x02, in(IIR), "re-enabling THRI with THR empty raises it again");
        out(IER, 0x03); // THRI stays set: no new interrupt
        assertEquals(0x01, in(IIR));
        out(THR, 'a');
        assertTrue(irq.level(), "the byte left at once, so THR is empty again");
        assertEquals(0x02, in(IIR));
    }

    @Test
    void interruptIsGatedByOut2() {
        out(IER, 0x01);
        uart.receive(new byte[] {'k'});
        assertEquals(0x04, in(IIR));
        assertFalse(irq.level());
        out(MCR, 0x08);
        assertTrue(irq.level());
        out(MCR, 0x00);
        assertFalse(irq.level());
    }

    @Test
    void receiveWithoutFifoHoldsOneByteAndRefusesTheRest() {
        out(MCR, 0x08);
        out(IER, 0x01);
        assertEquals(1, uart.receive(new byte[] {'a', 'b', 'c'}));
        assertEquals(0, uart.rxSpace());
        assertTrue(irq.level());
        assertEquals(0x01, in(LSR) & 0x03, "data ready, no overrun: the host kept the rest");
        assertEquals(0, spaceCallbacks.get());
        assertEquals('a', in(RBR));
        assertEquals(1, spaceCallbacks.get(), "the host is told there is room again");
        assertFalse(irq.level());
        assertEquals(0x60, in(LSR));
    }

    @Test
    void fifoReportsDataAtTriggerLevelAndTimeoutBelowIt() {
        out(FCR, 0xc1); // enable, trigger level 14
        out(IER, 0x01);
        byte[] input = new byte[20];
        for (int i = 0; i < input.length; i++) input[i] = (byte) i;
        assertEquals(16, uart.receive(input));
        assertEquals(0xc4, in(IIR));
        for (int i = 0; i < 3; i++) assertEquals(i, in(RBR));
        assertEquals(0xcc, in(IIR), "13 bytes are below the trigger level");
        out(FCR, 0xc3); // clear the receive FIFO
        assertEquals(0x60, in(LSR));
        assertEquals(16, uart.rxSpace());
    }

    @Test
    void overrunWithoutFifoReplacesTheUnreadByteAndRaisesLineStatus() {
        out(MCR, 0x10);
        out(IER, 0x05);
        out(THR, 1);
        out(THR, 2);
        assertEquals(0x06, in(IIR), "line status outranks received data");
        assertEquals(0x63, in(LSR));
        assertEquals(0x61, in(LSR), "reading LSR clears OE");
        assertEquals(0x04, in(IIR));
        assertEquals(2, in(RBR));
    }

    @Test
    void overrunWithFifoKeepsTheFirstSixteenBytes() {
        out(FCR, 0x01);
        out(MCR, 0x10);
        for (int i = 0; i < 17; i++) out(THR, i);
        assertEquals(0x63, in(LSR));
        for (int i = 0; i < 16; i++) assertEquals(i, in(RBR));
        assertEquals(0x60, in(LSR));
    }

    @Test
    void interruptPriorityIsReceivedDataThenThrEmptyThenModemStatus() {
        out(MCR, 0x18);
        out(IER, 0x0f);
        out(MCR, 0x1a); // RTS changes CTS: modem status delta
        assertEquals(0x02, in(IIR), "THRE first while nothing was received");
        assertEquals(0x00, in(IIR), "then modem status");
        out(THR, 'z');
        assertEquals(0x04, in(IIR));
        in(RBR);
        assertEquals(0x02, in(IIR));
        in(MSR);
        assertEquals(0x01, in(IIR));
    }

    @Test
    void modemStatusDeltasClearOnRead() {
        out(MCR, 0x10);
        in(MSR);
        out(MCR, 0x10 | 0x02 | 0x01 | 0x04 | 0x08);
        assertEquals(0xf0 | 0x0b, in(MSR));
        assertEquals(0xf0, in(MSR));
        out(MCR, 0x10 | 0x02 | 0x01 | 0x08); // RI falls: trailing edge
        assertEquals(0xb0 | 0x04, in(MSR));
    }

    @Test
    void scratchRegisterHoldsAByte() {
        out(SCR, 0x5a);
        assertEquals(0x5a, in(SCR));
        out(SCR, 0xa5);
        assertEquals(0xa5, in(SCR));
    }

    @Test
    void wideAccessesSplitIntoBytesAndUnknownOffsetsFloat() {
        uart.write(LCR, 2, 0x0803); // LCR = 3, MCR = 8
        assertEquals(0x03, in(LCR));
        assertEquals(0x08, in(MCR));
        assertEquals(0x0803, uart.read(LCR, 2));
        assertEquals(0xff, in(8));
        uart.write(8, 1, 0x12);
    }
}
