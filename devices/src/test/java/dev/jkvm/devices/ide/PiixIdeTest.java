package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.block.BlockBackends;
import dev.jkvm.devices.block.MemoryBackend;
import dev.jkvm.devices.pci.PciBar;
import dev.jkvm.devices.pci.PciDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.jkvm.devices.ide.AtaHost.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiixIdeTest {
    private static final int DISK = 8 << 20;
    private static final int SECTORS = DISK / 512;

    @TempDir
    Path dir;

    private static MemoryBackend patternedDisk() {
        MemoryBackend disk = new MemoryBackend(DISK);
        byte[] bytes = new byte[DISK];
        for (int i = 0; i < DISK; i++) bytes[i] = (byte) (i * 13 + (i >>> 9));
        disk.fill(0, bytes);
        return disk;
    }

    private static int word(byte[] identify, int index) {
        return (identify[2 * index] & 0xff) | (identify[2 * index + 1] & 0xff) << 8;
    }

    private static String string(byte[] identify, int first, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = first; i < first + words; i++) s.append((char) (word(identify, i) >>> 8)).append((char) (word(identify, i) & 0xff));
        return s.toString().trim();
    }

    private static byte[] identify(AtaHost host) {
        host.out(DEVICE, 0xa0);
        host.out(COMMAND, 0xec);
        assertTrue(host.irq14.level());
        assertEquals(0x58, host.in(STATUS));
        assertFalse(host.irq14.level(), "reading status clears INTRQ");
        byte[] id = host.readBlock(512);
        assertEquals(0x50, host.in(STATUS));
        return id;
    }

    @Test
    void identifyDeviceByPioDescribesAnLba48DiskWithDma() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            byte[] id = identify(host);
            assertEquals(0x0040, word(id, 0));
            assertEquals("JKVM HARDDISK", string(id, 27, 20));
            assertEquals(disk.serial(), string(id, 10, 10));
            assertEquals(SECTORS, word(id, 60) | word(id, 61) << 16);
            assertEquals(SECTORS, word(id, 100) | word(id, 101) << 16);
            assertEquals(0, word(id, 102) | word(id, 103));
            assertEquals(0x8000 | 16, word(id, 47));
            assertEquals(0x0100 | 16, word(id, 59), "multiple mode on at 16 sectors from power-on, as libata needs");
            assertTrue((word(id, 49) & 0x0300) == 0x0300, "LBA and DMA supported");
            assertEquals(0x0407, word(id, 63), "MWDMA 0-2 supported, 2 selected");
            assertEquals(0x003f, word(id, 88), "UDMA 0-5 supported, none selected");
            assertEquals(0x0007, word(id, 53) & 0x0007);
            assertTrue((word(id, 83) & 0x0400) != 0 && (word(id, 86) & 0x0400) != 0, "LBA48");
            assertTrue((word(id, 85) & 0x0020) != 0, "write cache enabled");
            int sum = 0;
            for (byte b : id) sum += b;
            assertEquals(0xa5, id[510] & 0xff);
            assertEquals(0, sum & 0xff, "integrity word checksum");
        }
    }

    @Test
    void forcePioAdvertisesNoDmaAndRefusesIt() {
        try (AtaHost host = new AtaHost(true, patternedDisk())) {
            byte[] id = identify(host);
            assertEquals(0, word(id, 49) & 0x0100);
            assertEquals(0, word(id, 63));
            assertEquals(0, word(id, 88));
            host.command28(0xef, 0, 0x22, 0x03);          // SET FEATURES transfer mode MWDMA2
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x04, host.in(ERROR));
            host.command28(0xef, 0, 0x0c, 0x03);          // PIO4 is fine
            assertEquals(0x50, host.in(STATUS));
            host.command28(0xc8, 0, 1, 0);                // READ DMA
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x04, host.in(ERROR));
        }
    }

    @Test
    void setFeaturesTransferModeIsReflectedInIdentify() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.command28(0xef, 0, 0x45, 0x03);          // UDMA5
            assertEquals(0x50, host.in(STATUS));
            byte[] id = identify(host);
            assertEquals(0x203f, word(id, 88));
            assertEquals(0x0007, word(id, 63));
            host.command28(0xef, 0, 0x21, 0x03);          // MWDMA1
            id = identify(host);
            assertEquals(0x003f, word(id, 88));
            assertEquals(0x0207, word(id, 63));
            host.command28(0xef, 0, 0x47, 0x03);          // UDMA7 does not exist here
            assertEquals(0x51, host.in(STATUS));
            host.command28(0xef, 0, 0, 0x82);             // write cache off
            assertEquals(0x50, host.in(STATUS));
            assertEquals(0, word(identify(host), 85) & 0x20);
            host.command28(0xef, 0, 0, 0x77);             // unknown subcommand
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x04, host.in(ERROR));
        }
    }

    @Test
    void readSectorsInterruptsPerSectorAndReadMultiplePerBlock() {
        MemoryBackend disk = patternedDisk();
        byte[] expected = Arrays.copyOfRange(disk.contents(), 100 * 512, 116 * 512);
        try (AtaHost host = new AtaHost(false, disk)) {
            host.command28(0x20, 100, 2, 0);
            assertEquals(1, host.irq14.risingEdges());
            assertEquals(0x58, host.in(STATUS));
            byte[] first = host.readBlock(512);
            assertEquals(2, host.irq14.risingEdges());
            assertEquals(0x58, host.in(STATUS));
            byte[] second = host.readBlock(512);
            assertEquals(0x50, host.altStatus());
            assertEquals(2, host.irq14.risingEdges(), "no interrupt after the last sector of a PIO read");
            assertArrayEquals(Arrays.copyOfRange(expected, 0, 512), first);
            assertArrayEquals(Arrays.copyOfRange(expected, 512, 1024), second);

            host.command28(0xc6, 0, 0, 0);                // SET MULTIPLE MODE 0: off
            assertEquals(0x50, host.in(STATUS));
            assertEquals(0, word(identify(host), 59));
            host.command28(0xc4, 100, 16, 0);             // READ MULTIPLE with multiple mode off
            assertEquals(0x51, host.in(STATUS));
            host.command28(0xc6, 0, 8, 0);                // SET MULTIPLE MODE 8
            assertEquals(0x50, host.in(STATUS));
            assertEquals(0x0108, word(identify(host), 59));
            int edges = host.irq14.risingEdges();
            host.command28(0xc4, 100, 16, 0);
            assertEquals(0x58, host.in(STATUS));
            byte[] block1 = host.readBlock(8 * 512);
            assertEquals(0x58, host.in(STATUS));
            byte[] block2 = host.readBlock(8 * 512);
            assertEquals(edges + 2, host.irq14.risingEdges());
            assertEquals(0x50, host.in(STATUS));
            byte[] both = Arrays.copyOf(block1, 16 * 512);
            System.arraycopy(block2, 0, both, 8 * 512, 8 * 512);
            assertArrayEquals(expected, both);
            host.command28(0xc6, 0, 3, 0);                // not a power of two
            assertEquals(0x51, host.in(STATUS));
        }
    }

    @Test
    void thirtyTwoBitDataAccessesMoveTwoWords() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            host.command48(0x24, 7, 1);                   // READ SECTORS EXT
            host.in(STATUS);
            byte[] data = new byte[512];
            for (int i = 0; i < 512; i += 4) {
                int dword = (int) host.taskFile.read(DATA, 4);
                for (int b = 0; b < 4; b++) data[i + b] = (byte) (dword >>> (8 * b));
            }
            assertArrayEquals(Arrays.copyOfRange(disk.contents(), 7 * 512, 8 * 512), data);
            assertEquals(0x50, host.in(STATUS));
        }
    }

    @Test
    void writeSectorsByPioThenFlush() {
        MemoryBackend disk = new MemoryBackend(DISK);
        byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i ^ 0x5a);
        try (AtaHost host = new AtaHost(false, disk)) {
            host.command28(0x30, 5, 2, 0);
            assertEquals(0x58, host.altStatus(), "DRQ for the first sector");
            assertEquals(0, host.irq14.risingEdges(), "no interrupt before the first PIO write block");
            host.writeBlock(data, 0, 512);
            assertEquals(1, host.irq14.risingEdges());
            assertEquals(0x58, host.in(STATUS));
            host.writeBlock(data, 512, 512);
            assertEquals(2, host.irq14.risingEdges());
            assertEquals(0x50, host.in(STATUS));
            assertArrayEquals(data, Arrays.copyOfRange(disk.contents(), 5 * 512, 7 * 512));

            host.command28(0xe7, 0, 0, 0);                // FLUSH CACHE
            assertEquals(3, host.irq14.risingEdges());
            assertEquals(0x50, host.in(STATUS));
            host.command48(0xea, 0, 0);                   // FLUSH CACHE EXT
            assertEquals(0x50, host.in(STATUS));
            assertEquals(2, disk.flushes());
        }
    }

    @Test
    void readDmaExtWalksThePrdTableIncludingAZeroLengthEntryOf64KiB() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            host.prd(0x1000, 0x10000, 4096, false);
            host.prd(0x1008, 0x40000, 0, true);           // 0 = 64 KiB
            int sectors = (4096 + 65536) / 512;
            host.dma(0x25, 1000, sectors, 0x1000, true);
            assertTrue(host.irq14.level());
            int bmStatus = host.finishDma();
            assertEquals(0x04, bmStatus & 0x07, "interrupt, no error, no longer active");
            assertEquals(0x50, host.in(STATUS));
            assertFalse(host.irq14.level());
            assertEquals(0, host.bm(BM_STATUS) & 0x07, "interrupt bit is write-one-to-clear");
            byte[] expected = Arrays.copyOfRange(disk.contents(), 1000 * 512, 1000 * 512 + sectors * 512);
            byte[] got = new byte[sectors * 512];
            host.memory.read(0x10000, got, 0, 4096);
            host.memory.read(0x40000, got, 4096, 65536);
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void writeDmaToARawFileAndReadItBackByPio() throws Exception {
        Path image = dir.resolve("disk.raw");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(DISK);
        }
        try (BlockBackend disk = BlockBackends.open(image, BlockBackends.Format.RAW, false);
             AtaHost host = new AtaHost(false, disk)) {
            byte[] data = new byte[3 * 512];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
            host.memory.write(0x20000, data);
            host.prd(0x2000, 0x20000, data.length, true);
            host.loadTaskFile48(SECTORS - 3, 3);
            host.dma(0x35, SECTORS - 3, 3, 0x2000, false);  // WRITE DMA EXT up to the last sector
            assertEquals(0x04, host.finishDma() & 0x07);
            assertEquals(0x50, host.in(STATUS));
            host.command48(0x24, SECTORS - 3, 3);
            byte[] back = new byte[data.length];
            for (int s = 0; s < 3; s++) {
                assertEquals(0x58, host.in(STATUS));
                System.arraycopy(host.readBlock(512), 0, back, s * 512, 512);
            }
            assertArrayEquals(data, back);
        }
    }

    @Test
    void dmaMayStartBeforeTheCommandArrives() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            host.prd(0x1000, 0x8000, 512, true);
            host.busMaster.write(BM_PRD, 4, 0x1000);
            host.bmOut(BM_COMMAND, 0x09);
            assertEquals(0x01, host.bm(BM_STATUS) & 0x07, "active, waiting for the drive");
            host.command28(0xc8, 3, 1, 0);                // READ DMA
            assertEquals(0x04, host.finishDma() & 0x07);
            byte[] got = new byte[512];
            host.memory.read(0x8000, got, 0, 512);
            assertArrayEquals(Arrays.copyOfRange(disk.contents(), 3 * 512, 4 * 512), got);
        }
    }

    @Test
    void prdTableLongerThanTheTransferLeavesTheEngineActive() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.prd(0x1000, 0x8000, 512, false);
            host.prd(0x1008, 0x9000, 512, true);
            host.dma(0x25, 0, 1, 0x1000, true);
            assertEquals(0x05, host.finishDma() & 0x07);
            assertEquals(0x50, host.in(STATUS));
        }
    }

    @Test
    void prdTableShorterThanTheTransferStopsWithoutInterruptAndResetRecovers() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.prd(0x1000, 0x8000, 512, true);
            host.dma(0x25, 0, 4, 0x1000, true);
            assertFalse(host.irq14.level());
            assertEquals(0, host.bm(BM_STATUS) & 0x07, "neither active nor interrupt nor error: the short-table signature");
            assertEquals(0x58, host.altStatus(), "the drive still waits to transfer");
            host.finishDma();
            host.softReset();
            assertSignature(host);
        }
    }

    @Test
    void prdPointingOutsideRamFailsTheCommandWithoutTouchingMemory() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.prd(0x1000, 0xfee00000L, 4096, true);
            host.dma(0x25, 0, 8, 0x1000, true);
            assertTrue(host.irq14.level());
            assertEquals(0x06, host.finishDma() & 0x07, "error and interrupt");
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x04, host.in(ERROR));

            host.prd(0x1000, RAM - 256, 512, true);         // straddles the end of RAM
            host.dma(0x35, 0, 1, 0x1000, false);
            assertEquals(0x06, host.finishDma() & 0x07);
            assertEquals(0x51, host.in(STATUS));

            host.dma(0x25, 0, 1, 0xfffff000L, true);        // the table itself outside RAM
            assertEquals(0x06, host.finishDma() & 0x07);
            assertEquals(0x51, host.in(STATUS));
        }
    }

    @Test
    void sectorsPastTheEndFailWithIdnfWithoutTouchingTheBackend() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            disk.failRequests(true);
            host.command28(0x20, SECTORS, 1, 0);
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x10, host.in(ERROR));
            host.command48(0x34, SECTORS - 1, 2);
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x10, host.in(ERROR));
            host.command48(0x25, 1L << 40, 1);
            assertEquals(0x10, host.in(ERROR));
            host.command48(0x42, SECTORS - 1, 1);         // READ VERIFY EXT in range
            assertEquals(0x50, host.in(STATUS));
        }
    }

    @Test
    void backendErrorsBecomeUncorrectableReadsAndAbortedWrites() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            disk.failRequests(true);
            host.command28(0x20, 0, 1, 0);
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x40, host.in(ERROR));
            host.command28(0x30, 0, 1, 0);
            host.writeBlock(new byte[512], 0, 512);
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x04, host.in(ERROR));
            host.prd(0x1000, 0x8000, 512, true);
            host.dma(0x25, 0, 1, 0x1000, true);
            assertEquals(0x04, host.finishDma() & 0x07);
            assertEquals(0x51, host.in(STATUS));
            assertEquals(0x40, host.in(ERROR));
            host.command28(0xe7, 0, 0, 0);
            assertEquals(0x51, host.in(STATUS));
        }
    }

    private static void assertSignature(AtaHost host) {
        assertEquals(0x50, host.altStatus());
        assertEquals(0x01, host.in(NSECT));
        assertEquals(0x01, host.in(LBAL));
        assertEquals(0x00, host.in(LBAM));
        assertEquals(0x00, host.in(LBAH));
        assertEquals(0x01, host.in(ERROR));
    }

    @Test
    void softResetLeavesTheAtaSignature() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            assertSignature(host);
            host.command28(0x20, 0x123456, 4, 0);
            host.deviceControl(0x06);                     // nIEN | SRST
            assertEquals(0x80, host.altStatus(), "busy during reset");
            host.out(LBAM, 0x55);                         // ignored while busy
            host.deviceControl(0x02);
            assertSignature(host);
            assertFalse(host.irq14.level());
            host.out(COMMAND, 0x90);                      // EXECUTE DEVICE DIAGNOSTIC
            assertSignature(host);
        }
    }

    @Test
    void nienMasksTheInterruptAndAlternateStatusDoesNotClearIt() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.deviceControl(0x02);
            host.command28(0xe7, 0, 0, 0);
            assertFalse(host.irq14.level());
            host.deviceControl(0x00);
            assertTrue(host.irq14.level(), "the pending interrupt reaches the line once unmasked");
            assertEquals(0x50, host.altStatus());
            assertTrue(host.irq14.level());
            host.in(STATUS);
            assertFalse(host.irq14.level());
        }
    }

    @Test
    void absentSlaveReadsZeroStatusAndEmptyChannelFloats() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.out(DEVICE, 0xb0);
            assertEquals(0x00, host.in(STATUS));
            assertEquals(0x00, host.altStatus());
            host.out(NSECT, 0x55);                        // libata's ata_devchk pattern reads back from the shadow registers
            host.out(LBAL, 0xaa);
            assertEquals(0x55, host.in(NSECT));
            host.out(COMMAND, 0xec);                      // an absent drive ignores commands
            assertEquals(0x00, host.in(STATUS));
            assertEquals(0, host.irq14.risingEdges());
            host.out(DEVICE, 0xa0);
            assertEquals(0x50, host.in(STATUS));

            assertEquals(0x7f, (int) host.ide.secondaryTaskFile().read(7, 1));
            assertEquals(0x7f, (int) host.ide.secondaryControl().read(0, 1));
            host.ide.secondaryTaskFile().write(7, 1, 0xec);
            assertEquals(0, host.irq15.risingEdges());
        }
    }

    @Test
    void slaveOnTheSecondaryChannelInterruptsOnIrq15() {
        MemoryBackend slave = patternedDisk();
        try (AtaHost host = new AtaHost(false, null, null, null, slave)) {
            host.ide.secondaryTaskFile().write(6, 1, 0xb0);
            host.ide.secondaryTaskFile().write(7, 1, 0xec);
            assertTrue(host.irq15.level());
            assertFalse(host.irq14.level());
            assertEquals(0x58, (int) host.ide.secondaryTaskFile().read(7, 1));
        }
    }

    @Test
    void unknownAndPacketCommandsAbort() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            for (int command : new int[] {0xff, 0x00, 0xa1, 0x08, 0xa0, 0xb0}) {
                host.out(COMMAND, command);
                assertEquals(0x51, host.in(STATUS), String.format("command %#x", command));
                assertEquals(0x04, host.in(ERROR));
            }
            host.command28(0xe5, 0, 0, 0);                // CHECK POWER MODE
            assertEquals(0x50, host.in(STATUS));
            assertEquals(0xff, host.in(NSECT));
            for (int command : new int[] {0xe0, 0xe1, 0xe2, 0xe3}) {
                host.out(COMMAND, command);
                assertEquals(0x50, host.in(STATUS));
            }
        }
    }

    @Test
    void chsAddressingFollowsInitializeDeviceParameters() {
        MemoryBackend disk = patternedDisk();
        try (AtaHost host = new AtaHost(false, disk)) {
            host.out(NSECT, 32);
            host.out(DEVICE, 0xa0 | 7);                   // 8 heads
            host.out(COMMAND, 0x91);
            assertEquals(0x50, host.in(STATUS));
            host.out(NSECT, 1);
            host.out(LBAL, 5);                            // sector 5 (1-based)
            host.out(LBAM, 2);                            // cylinder 2
            host.out(LBAH, 0);
            host.out(DEVICE, 0xa0 | 3);                   // head 3, CHS
            host.out(COMMAND, 0x20);
            assertEquals(0x58, host.in(STATUS));
            int lba = (2 * 8 + 3) * 32 + 4;
            assertArrayEquals(Arrays.copyOfRange(disk.contents(), lba * 512, lba * 512 + 512), host.readBlock(512));
            host.out(LBAL, 0);                            // sector 0 does not exist
            host.out(COMMAND, 0x20);
            assertEquals(0x10, host.in(ERROR));
        }
    }

    @Test
    void hobReadsBackTheHighOrderBytes() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            host.loadTaskFile48(0x0a0b0c_0d0e0fL, 0x1234);
            assertEquals(0x0f, host.in(LBAL));
            host.deviceControl(0x80);
            assertEquals(0x0c, host.in(LBAL));
            assertEquals(0x12, host.in(NSECT));
            host.out(LBAL, 0);                            // any register write drops HOB
            assertEquals(0x00, host.in(LBAL));
        }
    }

    @Test
    void unknownOffsetsAnswerWithoutSideEffects() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            assertEquals(0xff, (int) host.taskFile.read(8, 1));
            host.taskFile.write(9, 1, 0xec);
            assertEquals(0xff, (int) host.control.read(1, 1));
            host.control.write(1, 1, 0x04);
            assertEquals(0xff, (int) host.busMaster.read(16, 1));
            host.busMaster.write(17, 1, 0xff);
            assertEquals(0, host.bm(1));
            assertEquals(0xff, (int) host.taskFile.read(DATA, 1), "no data phase");
            assertEquals(0xffff, (int) host.taskFile.read(DATA, 2));
            assertEquals(0, host.irq14.risingEdges());
            assertEquals(0x50, host.in(STATUS));
        }
    }

    @Test
    void pciFunctionIsAPiix3IdeInLegacyModeWithABusMasterBar() {
        try (AtaHost host = new AtaHost(false, patternedDisk())) {
            PciDevice pci = host.ide.pciFunction();
            assertEquals(0x7010_8086L, pci.configRead(PciDevice.VENDOR_ID, 4));
            assertEquals(0x010180L, pci.configRead(PciDevice.CLASS_CODE, 3));
            assertEquals(0, pci.interruptPin());
            PciBar bar = pci.bars().getFirst();
            assertEquals(4, bar.index());
            assertEquals(PciBar.Kind.IO, bar.kind());
            assertEquals(16, bar.size());
            assertEquals(0x80, pci.configRead(0x41, 1) & 0x80, "primary decode enabled");
            assertEquals(0x80, pci.configRead(0x43, 1) & 0x80, "secondary decode enabled");
            pci.configWrite(0x40, 2, 0xa307);             // ata_piix programs timings
            assertEquals(0xa307, pci.configRead(0x40, 2));
            pci.configWrite(PciDevice.BAR0 + 16, 4, 0xffffffffL);
            assertEquals(0xfffffff1L, pci.configRead(PciDevice.BAR0 + 16, 4), "16-byte I/O BAR sizing");
            assertEquals(0x20, host.bm(BM_STATUS) & 0x60, "drive 0 DMA capable");
            assertTrue(new String(IdentifyData.MODEL.getBytes(StandardCharsets.US_ASCII)).startsWith("JKVM"));
        }
    }
}
