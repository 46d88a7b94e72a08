package dev.jkvm.devices.pci;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsixCapabilityTest {
    private static final int CONTROL = 2, ENABLE = 0x8000, FUNCTION_MASK = 0x4000;

    private final List<String> messages = new ArrayList<>();
    private final Owner device = new Owner();
    private final MsixCapability msix = MsixCapability.addTo(device, 2, 70, (address, data) -> messages.add(Long.toHexString(address) + ":" + data));
    private final int cap = (int) device.configRead(PciDevice.CAPABILITIES_POINTER, 1);

    /** A device whose configuration writes reach the capability, as the owner of one must arrange. */
    private static final class Owner extends PciDevice {
        private MsixCapability msix;

        Owner() {
            super("msix-test", 0x1234, 0x5678, 0xff0000, 0);
        }

        @Override
        public synchronized void configWrite(int offset, int size, long value) {
            super.configWrite(offset, size, value);
            if (msix != null) msix.configWritten(offset, size);
        }
    }

    private void program(int vector, long address, int data) {
        msix.write(16L * vector, 8, address);
        msix.write(16L * vector + 8, 4, data);
        msix.write(16L * vector + 12, 4, 0);
    }

    private void control(int value) {
        device.msix = msix;
        device.configWrite(cap + CONTROL, 2, value);
    }

    @Test
    void capabilityDescribesTableAndPbaInItsBar() {
        assertEquals(MsixCapability.CAPABILITY_ID, device.configRead(cap, 1));
        assertEquals(69, device.configRead(cap + CONTROL, 2));
        assertEquals(2, device.configRead(cap + 4, 4), "table at offset 0 of BAR2");
        assertEquals(70 * 16 | 2, device.configRead(cap + 8, 4));
        PciBar bar = device.bars().getFirst();
        assertEquals(2, bar.index());
        assertEquals(PciBar.Kind.MEMORY32, bar.kind());
        assertEquals(4096, bar.size());
        assertTrue((device.configRead(PciDevice.STATUS, 2) & PciDevice.STATUS_CAPABILITIES) != 0);
        assertThrows(IllegalArgumentException.class, () -> MsixCapability.addTo(new Owner(), 1, 0, (a, d) -> {}));
    }

    @Test
    void signalsOnlyWhenEnabledAndUnmasked() {
        program(65, 0xfee01000L, 0x31);
        msix.signal(65);
        assertEquals(List.of(), messages, "disabled: nothing, not even pending");
        assertFalse(msix.isPending(65));
        control(ENABLE);
        assertTrue(msix.enabled());
        msix.signal(65);
        assertEquals(List.of("fee01000:49"), messages);
        msix.signal(70);
        msix.signal(-1);
        assertEquals(1, messages.size(), "vectors past the table are ignored");
    }

    @Test
    void maskedVectorsPendUntilUnmasked() {
        control(ENABLE);
        msix.signal(3);
        assertTrue(msix.isPending(3), "vectors start masked");
        assertEquals(1L << 3, msix.read(70 * 16, 8));
        program(3, 0xfee00000L, 0x22);
        assertEquals(List.of("fee00000:34"), messages);
        assertFalse(msix.isPending(3));

        control(ENABLE | FUNCTION_MASK);
        msix.signal(3);
        program(3, 0xfee00000L, 0x23);
        assertEquals(1, messages.size(), "function mask holds it");
        control(ENABLE);
        assertEquals(List.of("fee00000:34", "fee00000:35"), messages);
        msix.signal(66);
        assertEquals(1L << 2, msix.read(70 * 16 + 8, 8), "the PBA's second qword");
    }

    @Test
    void pbaIsReadOnlyAndOddAccessesAreIgnored() {
        control(ENABLE);
        msix.signal(0);
        msix.write(70 * 16, 8, 0);
        assertTrue(msix.isPending(0));
        msix.write(1, 4, -1);
        assertEquals(0, msix.read(0, 4));
        assertEquals(0, msix.read(2, 2));
        assertEquals(0, msix.read(4000, 4), "past the PBA");
    }
}
