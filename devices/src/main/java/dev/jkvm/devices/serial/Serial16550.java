package dev.jkvm.devices.serial;

import dev.jkvm.devices.bus.ByteWideDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.Objects;

/**
 * A PC16550D UART (16550A): eight byte registers at offsets 0-7 of its window (COM1 is 0x3f8, IRQ4).
 *
 * <p>Transmission is instantaneous, so THR and the transmitter are always empty (LSR THRE and TEMT
 * read 1). The host feeds input with {@link #receive}, which takes only what fits in the receiver, so
 * the host holds the rest instead of the UART dropping it; {@code onRxSpace} tells the host when the
 * guest has made room after a refusal. Without a baud clock, the FIFO character timeout is reported
 * as soon as data sits below the trigger level, so input below the trigger level is never stuck.
 *
 * <p>The interrupt output follows the IIR: asserted while an enabled interrupt is pending, gated by
 * MCR OUT2 as on the PC, and off in loopback mode, where the chip forces OUT2 inactive.
 */
public final class Serial16550 implements ByteWideDevice {
    public static final int FIFO_SIZE = 16;

    private static final int DATA = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    private static final int IER_RX_DATA = 0x01, IER_THR_EMPTY = 0x02, IER_LINE_STATUS = 0x04, IER_MODEM_STATUS = 0x08;

    private static final int IIR_NONE = 0x01, IIR_MODEM_STATUS = 0x00, IIR_THR_EMPTY = 0x02, IIR_RX_DATA = 0x04,
            IIR_LINE_STATUS = 0x06, IIR_RX_TIMEOUT = 0x0c, IIR_FIFOS_ENABLED = 0xc0;

    private static final int FCR_ENABLE = 0x01, FCR_CLEAR_RX = 0x02;
    private static final int[] RX_TRIGGER_LEVELS = {1, 4, 8, 14};

    private static final int LCR_DLAB = 0x80;

    private static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;

    private static final int LSR_DATA_READY = 0x01, LSR_OVERRUN = 0x02, LSR_THR_EMPTY = 0x20, LSR_TX_EMPTY = 0x40;

    private static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;
    private static final int MSR_DELTA_CTS = 0x01, MSR_DELTA_DSR = 0x02, MSR_TRAILING_RI = 0x04, MSR_DELTA_DCD = 0x08;
    /** Outside loopback the host side of the line is a modem that is always ready. */
    private static final int MSR_HOST_LINES = MSR_CTS | MSR_DSR | MSR_DCD;

    private final IrqLine irq;
    private final SerialOutput output;
    private final Runnable onRxSpace;

    private final ReceiveFifo rx = new ReceiveFifo();
    private int ier;
    private int lcr;
    private int mcr;
    private int scratch;
    private int divisor;
    private boolean fifosEnabled;
    private int rxTrigger = 1;
    private boolean overrun;
    private boolean thrEmptyPending;
    private int modemLines = MSR_HOST_LINES;
    private int modemDeltas;
    private boolean irqAsserted;
    private boolean hostWaiting;

    public Serial16550(IrqLine irq, SerialOutput output) {
        this(irq, output, () -> {});
    }

    /** @param onRxSpace called, without the UART locked, when room appears after {@link #receive} refused bytes */
    public Serial16550(IrqLine irq, SerialOutput output, Runnable onRxSpace) {
        this.irq = Objects.requireNonNull(irq, "irq");
        this.output = Objects.requireNonNull(output, "output");
        this.onRxSpace = Objects.requireNonNull(onRxSpace, "onRxSpace");
    }

    /** Bytes the receiver can take from the host now. */
    public synchronized int rxSpace() {
        return (mcr & MCR_LOOP) != 0 ? 0 : rx.space();
    }

    /**
     * Queues host input. In loopback mode the serial input is disconnected and nothing is taken.
     *
     * @return how many bytes from the front of {@code data} were taken; the host keeps the rest
     */
    public synchronized int receive(byte[] data, int offset, int length) {
        int accepted = Math.min(length, rxSpace());
        for (int i = 0; i < accepted; i++) rx.push(data[offset + i]);
        hostWaiting = accepted < length;
        updateIrq();
        return accepted;
    }

    public int receive(byte[] data) {
        return receive(data, 0, data.length);
    }

    @Override
    public int readByte(int offset) {
        int value;
        boolean roomForHost;
        synchronized (this) {
            value = readRegister(offset);
            roomForHost = hostWaiting && rxSpace() > 0;
            if (roomForHost) hostWaiting = false;
        }
        if (roomForHost) onRxSpace.run();
        return value;
    }

    @Override
    public void writeByte(int offset, int value) {
        boolean roomForHost;
        synchronized (this) {
            writeRegister(offset, value);
            roomForHost = hostWaiting && rxSpace() > 0;
            if (roomForHost) hostWaiting = false;
        }
        if (roomForHost) onRxSpace.run();
    }

    private int readRegister(int offset) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        int value = switch (offset) {
            case DATA -> dlab ? divisor & 0xff : readReceiveBuffer();
            case IER -> dlab ? divisor >>> 8 : ier;
            case IIR_FCR -> readInterruptIdentification();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> readLineStatus();
            case MSR -> readModemStatus();
            case SCR -> scratch;
            default -> 0xff;
        };
        updateIrq();
        return value;
    }

    private void writeRegister(int offset, int value) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (offset) {
            case DATA -> {
                if (dlab) divisor = (divisor & 0xff00) | value;
                else transmit((byte) value);
            }
            case IER -> {
                if (dlab) divisor = (divisor & 0x00ff) | (value << 8);
                else writeInterruptEnable(value);
            }
            case IIR_FCR -> writeFifoControl(value);
            case LCR -> lcr = value;
            case MCR -> writeModemControl(value);
            case SCR -> scratch = value;
            default -> { } // LSR and MSR are read-only
        }
        updateIrq();
    }

    private int readReceiveBuffer() {
        return rx.isEmpty() ? 0 : rx.pop() & 0xff;
    }

    private int readInterruptIdentification() {
        int id = pendingInterrupt();
        if (id == IIR_THR_EMPTY) thrEmptyPending = false;
        return id | (fifosEnabled ? IIR_FIFOS_ENABLED : 0);
    }

    private int readLineStatus() {
        int lsr = LSR_THR_EMPTY | LSR_TX_EMPTY;
        if (!rx.isEmpty()) lsr |= LSR_DATA_READY;
        if (overrun) lsr |= LSR_OVERRUN;
        overrun = false;
        return lsr;
    }

    private int readModemStatus() {
        int msr = modemLines | modemDeltas;
        modemDeltas = 0;
        return msr;
    }

    private void transmit(byte b) {
        if ((mcr & MCR_LOOP) != 0) {
            arrive(b);
        } else {
            output.write(b);
        }
        // The byte left at once, so THR is empty again and its interrupt is due anew.
        thrEmptyPending = true;
    }

    /** A character completing in the receiver's shift register. */
    private void arrive(byte b) {
        if (rx.space() > 0) {
            rx.push(b);
            return;
        }
        overrun = true;
        // Without FIFOs the new character replaces the unread one; with FIFOs it is lost.
        if (!fifosEnabled) rx.overwriteNewest(b);
    }

    private void writeInterruptEnable(int value) {
        int previous = ier;
        ier = value & 0x0f;
        // Enabling the THRE interrupt while THR is empty raises it, which Linux's 8250 probe checks.
        if ((previous & IER_THR_EMPTY) == 0 && (ier & IER_THR_EMPTY) != 0) thrEmptyPending = true;
    }

    private void writeFifoControl(int value) {
        boolean enable = (value & FCR_ENABLE) != 0;
        if (enable != fifosEnabled) {
            fifosEnabled = enable;
            rx.reset(enable ? FIFO_SIZE : 1);
        } else if (enable && (value & FCR_CLEAR_RX) != 0) {
            rx.reset(FIFO_SIZE);
        }
        rxTrigger = RX_TRIGGER_LEVELS[value >>> 6];
    }

    private void writeModemControl(int value) {
        mcr = value & 0x1f;
        int lines = (mcr & MCR_LOOP) == 0 ? MSR_HOST_LINES : loopedBackLines();
        int changed = lines ^ modemLines;
        if ((changed & MSR_CTS) != 0) modemDeltas |= MSR_DELTA_CTS;
        if ((changed & MSR_DSR) != 0) modemDeltas |= MSR_DELTA_DSR;
        if ((changed & MSR_DCD) != 0) modemDeltas |= MSR_DELTA_DCD;
        if ((changed & modemLines & MSR_RI) != 0) modemDeltas |= MSR_TRAILING_RI;
        modemLines = lines;
    }

    /** In loopback the modem inputs are wired to the modem outputs: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
    private int loopedBackLines() {
        int lines = 0;
        if ((mcr & MCR_RTS) != 0) lines |= MSR_CTS;
        if ((mcr & MCR_DTR) != 0) lines |= MSR_DSR;
        if ((mcr & MCR_OUT1) != 0) lines |= MSR_RI;
        if ((mcr & MCR_OUT2) != 0) lines |= MSR_DCD;
        return lines;
    }

    /** The IIR interrupt ID by the 16550's priority: line status, received data, THR empty, modem status. */
    private int pendingInterrupt() {
        if ((ier & IER_LINE_STATUS) != 0 && overrun) return IIR_LINE_STATUS;
        if ((ier & IER_RX_DATA) != 0 && !rx.isEmpty()) {
            return !fifosEnabled || rx.count() >= rxTrigger ? IIR_RX_DATA : IIR_RX_TIMEOUT;
        }
        if ((ier & IER_THR_EMPTY) != 0 && thrEmptyPending) return IIR_THR_EMPTY;
        if ((ier & IER_MODEM_STATUS) != 0 && modemDeltas != 0) return IIR_MODEM_STATUS;
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean asserted = pendingInterrupt() != IIR_NONE && (mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;
        if (asserted != irqAsserted) {
            irqAsserted = asserted;
            irq.set(asserted);
        }
    }
}
