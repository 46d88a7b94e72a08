package dev.jkvm.devices.i8042;

import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.RecordingIrqLine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class I8042Test {
    private static final int OUTPUT_FULL = 0x01, SYSTEM = 0x04, COMMAND = 0x08, NOT_INHIBITED = 0x10, AUX_DATA = 0x20,
            TIMEOUT = 0x40;

    private final RecordingIrqLine keyboardIrq = new RecordingIrqLine();
    private final RecordingIrqLine auxIrq = new RecordingIrqLine();
    private final AtomicInteger resets = new AtomicInteger();
    private final I8042 controller = new I8042(keyboardIrq, auxIrq, resets::incrementAndGet);
    private final BusDevice data = controller.dataPort();
    private final BusDevice command = controller.commandPort();

    private int status() {
        return (int) command.read(0, 1);
    }

    private void command(int value) {
        command.write(0, 1, value);
    }

    private int readData() {
        return (int) data.read(0, 1);
    }

    private void writeData(int value) {
        data.write(0, 1, value);
    }

    @Test
    void idleStatusHasNothingToRead() {
        assertEquals(NOT_INHIBITED | SYSTEM, status());
    }

    @Test
    void selfTestAnswers55() {
        command(0xaa);
        assertEquals(NOT_INHIBITED | SYSTEM | COMMAND | OUTPUT_FULL, status());
        assertEquals(0x55, readData());
        assertEquals(0, status() & OUTPUT_FULL);
    }

    @Test
    void interfaceTestsPass() {
        command(0xab);
        assertEquals(OUTPUT_FULL, status() & OUTPUT_FULL);
        assertEquals(0x00, readData());
        command(0xa9);
        assertEquals(OUTPUT_FULL, status() & OUTPUT_FULL);
        assertEquals(0x00, readData());
    }

    @Test
    void configurationByteReadsBackWhatWasWritten() {
        command(0x20);
        assertEquals(0x45, readData());
        command(0x60);
        writeData(0x74);
        assertEquals(0, status() & COMMAND, "the last write went to the data port");
        command(0x20);
        assertEquals(0x74, readData());
        assertEquals(NOT_INHIBITED | SYSTEM | COMMAND, status(), "the system flag follows the configuration byte");
    }

    @Test
    void portDisableAndEnableCommandsFlipConfigurationBits() {
        command(0xad);
        command(0xa7);
        command(0x20);
        assertEquals(0x45 | 0x10 | 0x20, readData());
        command(0xae);
        command(0xa8);
        command(0x20);
        assertEquals(0x45, readData());
    }

    @Test
    void responsesRaiseIrq1WhenEnabled() {
        command(0xaa);
        assertTrue(keyboardIrq.level());
        readData();
        assertFalse(keyboardIrq.level());
        command(0x60);
        writeData(0x44); // keyboard interrupt off
        command(0xaa);
        assertFalse(keyboardIrq.level());
    }

    @Test
    void command0xfePulsesReset() {
        command(0xfe);
        assertEquals(1, resets.get());
        command(0xff);
        assertEquals(1, resets.get(), "bit 0 set pulses no line");
    }

    @Test
    void outputPortWriteWithResetLineLowResets() {
        command(0xd0);
        assertEquals(0x03, readData());
        command(0xd1);
        writeData(0x01);
        assertEquals(0, resets.get());
        command(0xd0);
        assertEquals(0x01, readData());
        command(0xd1);
        writeData(0x00);
        assertEquals(1, resets.get());
    }

    @Test
    void bytesForTheAbsentKeyboardTimeOut() {
        writeData(0xf2); // identify keyboard
        assertEquals(OUTPUT_FULL | TIMEOUT, status() & (OUTPUT_FULL | TIMEOUT | AUX_DATA));
        assertTrue(keyboardIrq.level());
        assertEquals(0xfe, readData());
        command(0xaa);
        assertEquals(0, status() & TIMEOUT, "the next good byte clears the time-out");
    }

    @Test
    void bytesForTheAbsentMouseTimeOutAsAuxData() {
        command(0x60);
        writeData(0x47); // both interrupts on
        command(0xd4);
        writeData(0xff);
        assertEquals(OUTPUT_FULL | TIMEOUT | AUX_DATA, status() & (OUTPUT_FULL | TIMEOUT | AUX_DATA));
        assertTrue(auxIrq.level());
        assertFalse(keyboardIrq.level());
        assertEquals(0xfe, readData());
        assertFalse(auxIrq.level());
    }

    @Test
    void outputBufferWritesLoopBack() {
        command(0xd3);
        writeData(0x5a);
        assertEquals(OUTPUT_FULL | AUX_DATA, status() & (OUTPUT_FULL | TIMEOUT | AUX_DATA));
        assertFalse(auxIrq.level(), "the mouse interrupt is off in the configuration byte");
        assertEquals(0x5a, readData());
        command(0xd2);
        writeData(0xa5);
        assertEquals(OUTPUT_FULL, status() & (OUTPUT_FULL | AUX_DATA));
        assertEquals(0xa5, readData());
    }

    @Test
    void unknownCommandsAndPortsAreIgnored() {
        command(0xc9);
        assertEquals(0, status() & OUTPUT_FULL);
        assertEquals(0xff, data.read(1, 1));
        data.write(1, 1, 0);
        assertEquals(0, resets.get());
    }
}
