package dev.jkvm.devices.virtio.pci;

import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.pci.PciDevice;
import dev.jkvm.devices.virtio.DeviceStatus;
import dev.jkvm.devices.virtio.RingDriver;
import dev.jkvm.devices.virtio.RingDriver.Buffer;
import dev.jkvm.devices.virtio.TestMemory;
import dev.jkvm.devices.virtio.VirtioFeatures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jkvm.devices.virtio.pci.FakePciDriver.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioPciDeviceTest {
    private static final long ALL = -1L;
    private static final int ACK_DRIVER = DeviceStatus.ACKNOWLEDGE | DeviceStatus.DRIVER;

    private final GuestMemory memory = TestMemory.create();
    private final EchoDevice echo = new EchoDevice();
    private final FakePciDriver driver = new FakePciDriver(memory, echo);

    /** Sends "ping" through queue 0 and returns what the device used. */
    private List<RingDriver.Used> echoOnce(int queue) {
        RingDriver ring = driver.ring(queue);
        long out = ring.alloc(new byte[] {'p', 'i', 'n', 'g'});
        long in = ring.alloc(4);
        ring.makeAvailable(ring.chain(Buffer.readable(out, 4), Buffer.writable(in, 4)));
        driver.notify(queue);
        return ring.takeUsed();
    }

    @Test
    void identifiesAsAModernVirtioFunction() {
        assertEquals(0x1af4, driver.config(PciDevice.VENDOR_ID, 2));
        assertEquals(0x1040 + EchoDevice.TYPE, driver.config(PciDevice.DEVICE_ID, 2));
        assertEquals(1, driver.config(PciDevice.REVISION_ID, 1));
        assertEquals(0x1af4, driver.config(PciDevice.SUBSYSTEM_VENDOR_ID, 2));
        assertEquals(EchoDevice.TYPE, driver.config(PciDevice.SUBSYSTEM_ID, 2));
        assertEquals(1, driver.config(PciDevice.INTERRUPT_PIN, 1));
        assertEquals(0xff0000, driver.config(PciDevice.REVISION_ID, 4) >>> 8);
    }

    @Test
    void capabilitiesPointIntoTheModernBar() {
        assertEquals(MODERN_BAR_ADDRESS, driver.structureAddress(1));
        assertEquals(MODERN_BAR_ADDRESS + 0x1000, driver.structureAddress(3));
        assertEquals(MODERN_BAR_ADDRESS + 0x2000, driver.structureAddress(4));
        assertEquals(MODERN_BAR_ADDRESS + 0x3000, driver.structureAddress(2));
        assertEquals(0x38, driver.config(driver.capability(1) + 12, 4), "common cfg length");
        assertEquals(4, driver.config(driver.capability(4) + 12, 4), "device cfg length");
        assertEquals(4, driver.config(driver.capability(2) + 16, 4), "notify_off_multiplier");
        assertEquals(20, driver.config(driver.capability(5) + 2, 1), "pci_cfg cap_len");
        assertEquals(MODERN_BAR_ADDRESS + 0x3004, driver.device().notifyAddress(1));
        assertEquals(3 - 1, driver.config(driver.msixCapability() + 2, 2) & 0x7ff, "a vector per queue and one for config");
        assertEquals(VirtioPciDevice.MSIX_BAR, driver.config(driver.msixCapability() + 4, 4) & 7);
    }

    @Test
    void notifyAddressIsUnknownUntilTheBarDecodes() {
        driver.setConfig(PciDevice.COMMAND, 2, 0);
        assertEquals(-1, driver.device().notifyAddress(0));
    }

    @Test
    void initSequenceNegotiatesAndEchoesWithMsix() {
        long features = driver.initialize(ALL, true, 0);
        assertEquals(VirtioFeatures.COMMON | VirtioFeatures.bit(EchoDevice.F_ECHO), features);
        assertEquals(features, echo.activation().features());
        assertEquals(List.of(new RingDriver.Used(0, 4)), echoOnce(0));
        assertEquals(List.of(message(1)), driver.msi().take());
        assertEquals(List.of(new RingDriver.Used(0, 4)), echoOnce(1));
        assertEquals(List.of(message(2)), driver.msi().take());
        assertFalse(driver.intx().level());
    }

    @Test
    void intxFollowsTheIsrWithoutMsix() {
        driver.initialize(ALL, false, 8);
        echoOnce(0);
        assertTrue(driver.intx().level());
        assertEquals(List.of(), driver.msi().take());
        assertEquals(1, driver.readIsr());
        assertFalse(driver.intx().level(), "reading the ISR clears it");
        assertEquals(0, driver.readIsr());

        echo.changeConfig((byte) 9);
        assertEquals(2, driver.readIsr());
        assertEquals(9, driver.deviceConfig(0, 1));
    }

    @Test
    void interruptDisableBitKeepsIntxOffTheLine() {
        driver.initialize(ALL, false, 8);
        driver.setConfig(PciDevice.COMMAND, 2, PciDevice.COMMAND_MEMORY | PciDevice.COMMAND_INTX_DISABLE);
        echoOnce(0);
        assertFalse(driver.intx().level());
        assertTrue((driver.config(PciDevice.STATUS, 2) & PciDevice.STATUS_INTERRUPT) != 0);
    }

    @Test
    void queueWithoutVectorIsSilentUnderMsix() {
        driver.initialize(ALL, true, 8);
        driver.setCommon(Q_SELECT, 2, 0);
        // Vectors are fixed before DRIVER_OK by Linux, but the register stays writable.
        driver.setCommon(Q_MSIX, 2, 0xffff);
        echoOnce(0);
        assertEquals(List.of(), driver.msi().take());
        assertEquals(0, driver.readIsr(), "the ISR is for INTx only");
    }

    @Test
    void vectorsTheTableLacksReadBackAsNoVector() {
        driver.setCommon(MSIX_CONFIG, 2, 3);
        assertEquals(0xffff, driver.common(MSIX_CONFIG, 2));
        driver.setCommon(Q_SELECT, 2, 1);
        driver.setCommon(Q_MSIX, 2, 2);
        assertEquals(2, driver.common(Q_MSIX, 2));
        driver.setCommon(Q_MSIX, 2, 7);
        assertEquals(0xffff, driver.common(Q_MSIX, 2));
    }

    @Test
    void maskedVectorsBecomePendingAndFireOnUnmask() {
        driver.initialize(ALL, true, 8);
        long entry1 = MSIX_BAR_ADDRESS + 16;
        long pba = MSIX_BAR_ADDRESS + (driver.config(driver.msixCapability() + 8, 4) & ~7L);
        driver.mmioWrite(entry1 + 12, 4, 1);
        echoOnce(0);
        assertEquals(List.of(), driver.msi().take());
        assertEquals(0b10, driver.mmioRead(pba, 8));
        driver.mmioWrite(entry1 + 12, 4, 0);
        assertEquals(List.of(message(1)), driver.msi().take());
        assertEquals(0, driver.mmioRead(pba, 8));

        driver.setConfig(driver.msixCapability() + 2, 2, 0xc000);
        echoOnce(1);
        assertEquals(List.of(), driver.msi().take(), "function masked");
        driver.setConfig(driver.msixCapability() + 2, 2, 0x8000);
        assertEquals(List.of(message(2)), driver.msi().take());
    }

    @Test
    void msixTableKeepsOnlyItsDefinedBits() {
        long entry0 = MSIX_BAR_ADDRESS;
        assertEquals(1, driver.mmioRead(entry0 + 12, 4), "vectors start masked");
        driver.mmioWrite(entry0 + 12, 4, 0xffffffffL);
        assertEquals(1, driver.mmioRead(entry0 + 12, 4));
        driver.mmioWrite(entry0, 8, 0x1234_5678_9abc_def0L);
        assertEquals(0x1234_5678_9abc_def0L, driver.mmioRead(entry0, 8));
        assertEquals(0, driver.mmioRead(entry0 + 1, 4), "unaligned");
        driver.mmioWrite(entry0 + 2, 2, 0xffff);
        assertEquals(0x9abc_def0L, driver.mmioRead(entry0, 4));
    }

    @Test
    void featuresOkNeedsVersion1AndOfferedBitsOnly() {
        driver.reset();
        driver.setStatus(ACK_DRIVER);
        driver.writeDriverFeatures(VirtioFeatures.bit(EchoDevice.F_ECHO));
        driver.setStatus(ACK_DRIVER | DeviceStatus.FEATURES_OK);
        assertEquals(ACK_DRIVER, driver.status(), "no VERSION_1");

        driver.writeDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1) | VirtioFeatures.bit(40));
        driver.setStatus(ACK_DRIVER | DeviceStatus.FEATURES_OK);
        assertEquals(ACK_DRIVER, driver.status(), "bit 40 not offered");

        driver.writeDriverFeatures(VirtioFeatures.bit(VirtioFeatures.VERSION_1));
        driver.setStatus(ACK_DRIVER | DeviceStatus.FEATURES_OK);
        assertEquals(ACK_DRIVER | DeviceStatus.FEATURES_OK, driver.status());
        driver.writeDriverFeatures(VirtioFeatures.COMMON);
        driver.setCommon(GFSELECT, 4, 1);
        assertEquals(1, driver.common(GF, 4), "features are frozen after FEATURES_OK");
        driver.setCommon(DFSELECT, 4, 2);
        assertEquals(0, driver.common(DF, 4), "no feature bits past 63");
    }

    @Test
    void driverOkNeedsFeaturesOkAndStatusBitsOnlyGrow() {
        driver.reset();
        driver.setStatus(ACK_DRIVER | DeviceStatus.DRIVER_OK);
        assertEquals(ACK_DRIVER, driver.status());
        driver.setStatus(DeviceStatus.ACKNOWLEDGE);
        assertEquals(ACK_DRIVER, driver.status(), "the driver cannot clear bits");
        driver.setStatus(ACK_DRIVER | DeviceStatus.DEVICE_NEEDS_RESET);
        assertEquals(ACK_DRIVER, driver.status(), "NEEDS_RESET is the device's");
        driver.setStatus(ACK_DRIVER | DeviceStatus.FAILED);
        assertEquals(ACK_DRIVER | DeviceStatus.FAILED, driver.status());
        assertEquals(null, echo.activation());
    }

    @Test
    void resetRestoresTheInitialRegisters() {
        driver.initialize(ALL, true, 8);
        driver.setCommon(Q_SELECT, 2, 1);
        driver.reset();
        assertEquals(0, driver.common(Q_SELECT, 2));
        assertEquals(0xffff, driver.common(MSIX_CONFIG, 2));
        for (int q = 0; q < 2; q++) {
            driver.setCommon(Q_SELECT, 2, q);
            assertEquals(256, driver.common(Q_SIZE, 2));
            assertEquals(0, driver.common(Q_ENABLE, 2));
            assertEquals(0xffff, driver.common(Q_MSIX, 2));
            assertEquals(0, driver.common(Q_DESC, 8));
        }
        driver.setCommon(GFSELECT, 4, 0);
        assertEquals(0, driver.common(GF, 4));
        assertEquals(null, echo.activation());
        assertEquals(2, echo.resets(), "once at init, once now");
        // It works again after a second probe.
        driver.initialize(ALL, true, 0);
        assertEquals(1, echoOnce(0).size());
    }

    @Test
    void queueRegistersOfAMissingQueueReadZeroAndIgnoreWrites() {
        assertEquals(2, driver.common(NUM_QUEUES, 2));
        driver.setCommon(Q_SELECT, 2, 5);
        assertEquals(5, driver.common(Q_SELECT, 2));
        driver.setCommon(Q_SIZE, 2, 16);
        driver.setCommon(Q_ENABLE, 2, 1);
        driver.setCommon(Q_DESC, 8, 0x1000);
        assertEquals(0, driver.common(Q_SIZE, 2));
        assertEquals(0, driver.common(Q_ENABLE, 2));
        assertEquals(0, driver.common(Q_DESC, 8));
        assertEquals(0xffff, driver.common(Q_MSIX, 2));
        driver.mmioWrite(driver.structureAddress(2) + 4 * 5, 2, 5);
    }

    @Test
    void queueAddressesTakeDwordHalvesAndQwords() {
        driver.setCommon(Q_SELECT, 2, 1);
        driver.setCommon(Q_DRIVER, 4, 0x2000);
        driver.setCommon(Q_DRIVER + 4, 4, 0x1);
        assertEquals(0x1_0000_2000L, driver.common(Q_DRIVER, 8));
        assertEquals(0x1, driver.common(Q_DRIVER + 4, 4));
        driver.setCommon(Q_DEVICE, 8, 0x3_0000_4000L);
        assertEquals(0x4000, driver.common(Q_DEVICE, 4));
        assertEquals(0, driver.common(Q_DEVICE + 2, 2), "not a field");
        assertEquals(1, driver.common(Q_NOTIFY_OFF, 2));
    }

    @Test
    void unknownRegistersAndWidthsReadZeroAndIgnoreWrites() {
        for (long offset : new long[] {0x38, 0x3a, 0x100, 0xfff}) {
            assertEquals(0, driver.common((int) offset, 2));
            driver.setCommon((int) offset, 2, 0xffff);
        }
        assertEquals(0, driver.common(STATUS, 4), "status is a byte");
        driver.setCommon(STATUS, 4, 0x0f);
        assertEquals(0, driver.status());
        assertEquals(0, driver.common(NUM_QUEUES, 4));
        assertEquals(0, driver.mmioRead(MODERN_BAR_ADDRESS + 0x1001, 1), "ISR is one byte");
        assertEquals(0, driver.mmioRead(MODERN_BAR_ADDRESS + 0x3000, 2), "notifications are write-only");
        assertEquals(0, driver.deviceConfig(4, 4), "past the device configuration");
        driver.mmioWrite(MODERN_BAR_ADDRESS + 0x2003, 2, 0xffff);
        assertEquals(4, driver.deviceConfig(3, 1), "a write crossing the end is dropped");
        driver.mmioWrite(MODERN_BAR_ADDRESS + 0x3002, 2, 0);
        driver.mmioWrite(MODERN_BAR_ADDRESS + 0x3ffc, 4, 0);
    }

    @Test
    void deviceConfigurationIsDelegatedAndTheGenerationTracksChanges() {
        driver.initialize(ALL, true, 8);
        assertEquals(0x04030201L, driver.deviceConfig(0, 4));
        driver.mmioWrite(MODERN_BAR_ADDRESS + 0x2001, 1, 0x77);
        assertEquals(0x77, driver.deviceConfig(1, 1));
        long generation = driver.common(GENERATION, 1);
        driver.msi().take();
        echo.changeConfig((byte) 5);
        assertEquals(generation + 1, driver.common(GENERATION, 1));
        assertEquals(List.of(message(0)), driver.msi().take());
    }

    @Test
    void pciConfigurationAccessCapabilityReachesTheBars() {
        int cap = driver.capability(5);
        driver.setConfig(cap + 4, 1, VirtioPciDevice.MODERN_BAR);
        driver.setConfig(cap + 8, 4, 0x12);
        driver.setConfig(cap + 12, 4, 2);
        assertEquals(2, driver.config(cap + 16, 2), "num_queues through pci_cfg_data");
        driver.setConfig(cap + 8, 4, 0x16);
        driver.setConfig(cap + 16, 2, 1);
        assertEquals(1, driver.common(Q_SELECT, 2), "queue_select written through pci_cfg_data");

        driver.setConfig(cap + 8, 4, 0x13);
        driver.setConfig(cap + 16, 2, 0);
        driver.setConfig(cap + 12, 4, 3);
        driver.setConfig(cap + 16, 4, 0);
        driver.setConfig(cap + 4, 1, 5);
        driver.setConfig(cap + 12, 4, 4);
        driver.setConfig(cap + 8, 4, 0);
        driver.setConfig(cap + 16, 4, 0);
        assertEquals(1, driver.common(Q_SELECT, 2), "misaligned, odd lengths and absent BARs do nothing");
        assertEquals(0, driver.config(cap + 16, 4));
    }

    @Test
    void malformedChainSetsNeedsResetAndRaisesAConfigInterrupt() {
        driver.initialize(ALL, true, 8);
        RingDriver ring = driver.ring(0);
        ring.writeDescriptor(ring.descriptorTable(), 0, 0x1000, 8, RingDriver.NEXT, 0);
        ring.makeAvailable(0);
        driver.notify(0);
        assertEquals(DeviceStatus.DEVICE_NEEDS_RESET, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
        assertEquals(List.of(message(0)), driver.msi().take());
        assertTrue(echo.activation().failure().getMessage().contains("loops"));

        driver.initialize(ALL, true, 8);
        assertEquals(0, driver.status() & DeviceStatus.DEVICE_NEEDS_RESET);
        assertEquals(1, echoOnce(0).size());
    }

    @Test
    void processQueueRunsOnAnyThreadAndIsANoOpBeforeDriverOk() throws Exception {
        driver.device().processQueue(0);
        driver.device().processQueue(-1);
        driver.device().processQueue(99);
        driver.initialize(ALL, true, 8);
        RingDriver ring = driver.ring(1);
        ring.makeAvailable(ring.chain(Buffer.readable(ring.alloc(new byte[] {1}), 1), Buffer.writable(ring.alloc(1), 1)));
        Thread ioThread = Thread.ofPlatform().start(() -> driver.device().processQueue(1));
        ioThread.join();
        assertEquals(List.of(new RingDriver.Used(0, 1)), ring.takeUsed());
        assertEquals(List.of(message(2)), driver.msi().take());
    }
}
