package dev.jkvm.devices.i8042;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.bus.ByteWideDevice;
import dev.jkvm.devices.irq.IrqLine;

import java.util.Objects;

/**
 * The 8042 keyboard controller with no keyboard or mouse attached: data port 0x60, status/command
 * port 0x64, registered as the two windows {@link #dataPort()} and {@link #commandPort()}.
 *
 * <p>It runs the controller's own commands (configuration byte, self-tests, port enables, output
 * port, output buffer writes) and pulses the CPU reset line through the reset handler on command
 * 0xFE (any 0xF0-0xFF pulse with bit 0 clear) or an output port write with bit 0 clear. A byte sent
 * to the keyboard or mouse finds no device: the controller answers 0xFE with the time-out status
 * bit set, which makes a driver's probe fail at once instead of waiting.
 *
 * <p>IRQ1 (keyboard) and IRQ12 (mouse) follow a full output buffer and its interrupt enable bit in
 * the configuration byte.
 */
public final class I8042 {
    private static final int STATUS_OUTPUT_FULL = 0x01, STATUS_SYSTEM = 0x04, STATUS_LAST_WAS_COMMAND = 0x08,
            STATUS_NOT_INHIBITED = 0x10, STATUS_AUX_DATA = 0x20, STATUS_TIMEOUT = 0x40;

    private static final int CONFIG_KEYBOARD_IRQ = 0x01, CONFIG_AUX_IRQ = 0x02, CONFIG_SYSTEM = 0x04,
            CONFIG_KEYBOARD_DISABLED = 0x10, CONFIG_AUX_DISABLED = 0x20, CONFIG_TRANSLATE = 0x40;

    private static final int OUTPUT_PORT_RESET_LINE = 0x01, OUTPUT_PORT_A20 = 0x02;

    private static final int READ_RAM = 0x20, WRITE_RAM = 0x60, RAM_INDEX_MASK = 0x1f;
    private static final int AUX_DISABLE = 0xa7, AUX_ENABLE = 0xa8, AUX_TEST = 0xa9, SELF_TEST = 0xaa,
            KEYBOARD_TEST = 0xab, KEYBOARD_DISABLE = 0xad, KEYBOARD_ENABLE = 0xae, READ_OUTPUT_PORT = 0xd0,
            WRITE_OUTPUT_PORT = 0xd1, WRITE_KEYBOARD_BUFFER = 0xd2, WRITE_AUX_BUFFER = 0xd3, WRITE_AUX = 0xd4,
            PULSE_OUTPUT_LINES = 0xf0;

    private static final int SELF_TEST_PASSED = 0x55, INTERFACE_OK = 0x00, NO_DEVICE_RESPONSE = 0xfe;

    private final IrqLine keyboardIrq;
    private final IrqLine auxIrq;
    private final Runnable resetHandler;
    private final BusDevice dataPort = new Port(true);
    private final BusDevice commandPort = new Port(false);

    /** The controller's internal RAM; byte 0 is the configuration byte. */
    private final byte[] ram = new byte[32];
    private int outputPort = OUTPUT_PORT_RESET_LINE | OUTPUT_PORT_A20;
    private int outputBuffer;
    private boolean outputFull;
    private boolean outputFromAux;
    private boolean timeout;
    private boolean lastWasCommand;
    /** A command waiting for its data byte on port 0x60, or 0. */
    private int pendingCommand;

    /**
     * @param resetHandler run when the guest pulses the reset line; it should reset the machine
     *                     without calling back into this controller on the same thread
     */
    public I8042(IrqLine keyboardIrq, IrqLine auxIrq, Runnable resetHandler) {
        this.keyboardIrq = Objects.requireNonNull(keyboardIrq, "keyboardIrq");
        this.auxIrq = Objects.requireNonNull(auxIrq, "auxIrq");
        this.resetHandler = Objects.requireNonNull(resetHandler, "resetHandler");
        // As firmware leaves it: keyboard interrupt on, POST passed, scan code translation on.
        ram[0] = CONFIG_KEYBOARD_IRQ | CONFIG_SYSTEM | CONFIG_TRANSLATE;
    }

    /** Port 0x60. */
    public BusDevice dataPort() {
        return dataPort;
    }

    /** Port 0x64. */
    public BusDevice commandPort() {
        return commandPort;
    }

    private final class Port implements ByteWideDevice {
        private final boolean data;

        Port(boolean data) {
            this.data = data;
        }

        @Override
        public int readByte(int offset) {
            if (offset != 0) return 0xff;
            synchronized (I8042.this) {
                return data ? readData() : status();
            }
        }

        @Override
        public void writeByte(int offset, int value) {
            if (offset != 0) return;
            boolean reset;
            synchronized (I8042.this) {
                reset = data ? writeData(value) : writeCommand(value);
            }
            if (reset) resetHandler.run();
        }
    }

    private int status() {
        int status = STATUS_NOT_INHIBITED;
        if ((ram[0] & CONFIG_SYSTEM) != 0) status |= STATUS_SYSTEM;
        if (outputFull) status |= STATUS_OUTPUT_FULL;
        if (outputFull && outputFromAux) status |= STATUS_AUX_DATA;
        if (timeout) status |= STATUS_TIMEOUT;
        if (lastWasCommand) status |= STATUS_LAST_WAS_COMMAND;
        return status;
    }

    private int readData() {
        outputFull = false;
        updateIrqs();
        return outputBuffer;
    }

    /** @return whether the reset line was pulsed */
    private boolean writeCommand(int command) {
        lastWasCommand = true;
        pendingCommand = 0;
        if (command >= READ_RAM && command < READ_RAM + ram.length) {
            respond(ram[command & RAM_INDEX_MASK] & 0xff, false);
        } else if (command >= WRITE_RAM && command < WRITE_RAM + ram.length
                || command == WRITE_OUTPUT_PORT || command == WRITE_KEYBOARD_BUFFER
                || command == WRITE_AUX_BUFFER || command == WRITE_AUX) {
            pendingCommand = command;
        } else if (command >= PULSE_OUTPUT_LINES) {
            return (command & OUTPUT_PORT_RESET_LINE) == 0;
        } else {
            switch (command) {
                case AUX_DISABLE -> setConfigBits(CONFIG_AUX_DISABLED, true);
                case AUX_ENABLE -> setConfigBits(CONFIG_AUX_DISABLED, false);
                case KEYBOARD_DISABLE -> setConfigBits(CONFIG_KEYBOARD_DISABLED, true);
                case KEYBOARD_ENABLE -> setConfigBits(CONFIG_KEYBOARD_DISABLED, false);
                case SELF_TEST -> respond(SELF_TEST_PASSED, false);
                case KEYBOARD_TEST, AUX_TEST -> respond(INTERFACE_OK, false);
                case READ_OUTPUT_PORT -> respond(outputPort, false);
                default -> { } // commands of other controller variants are ignored
            }
        }
        return false;
    }

    /** @return whether the reset line was pulsed */
    private boolean writeData(int value) {
        lastWasCommand = false;
        int command = pendingCommand;
        pendingCommand = 0;
        if (command >= WRITE_RAM && command < WRITE_RAM + ram.length) {
            ram[command & RAM_INDEX_MASK] = (byte) value;
            updateIrqs();
        } else if (command == WRITE_OUTPUT_PORT) {
            outputPort = value;
            return (value & OUTPUT_PORT_RESET_LINE) == 0;
        } else if (command == WRITE_KEYBOARD_BUFFER || command == WRITE_AUX_BUFFER) {
            respond(value, command == WRITE_AUX_BUFFER);
        } else {
            // To the mouse (after 0xD4) or the keyboard: nothing is attached to answer.
            fail(command == WRITE_AUX);
        }
        return false;
    }

    private void setConfigBits(int bits, boolean set) {
        ram[0] = (byte) (set ? ram[0] | bits : ram[0] & ~bits);
        updateIrqs();
    }

    private void respond(int value, boolean fromAux) {
        outputBuffer = value & 0xff;
        outputFull = true;
        outputFromAux = fromAux;
        timeout = false;
        updateIrqs();
    }

    private void fail(boolean fromAux) {
        respond(NO_DEVICE_RESPONSE, fromAux);
        timeout = true;
    }

    private void updateIrqs() {
        keyboardIrq.set(outputFull && !outputFromAux && (ram[0] & CONFIG_KEYBOARD_IRQ) != 0);
        auxIrq.set(outputFull && outputFromAux && (ram[0] & CONFIG_AUX_IRQ) != 0);
    }
}
