package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.RecordingIrqLine;
import dev.jkvm.devices.memory.GuestMemory;

import java.util.List;

/**
 * Drives a PiixIde's primary channel with the register sequences Linux's libata-sff and ata_piix
 * use, over 1 MiB of guest RAM at 0.
 */
final class AtaHost implements AutoCloseable {
    static final int RAM = 1 << 20;
    static final int DATA = 0, ERROR = 1, FEATURES = 1, NSECT = 2, LBAL = 3, LBAM = 4, LBAH = 5, DEVICE = 6,
            STATUS = 7, COMMAND = 7;
    static final int BM_COMMAND = 0, BM_STATUS = 2, BM_PRD = 4;

    final RecordingIrqLine irq14 = new RecordingIrqLine();
    final RecordingIrqLine irq15 = new RecordingIrqLine();
    final GuestMemory memory = GuestMemory.allocate(List.of(new GuestMemory.Range(0, RAM)));
    final PiixIde ide;
    final BusDevice taskFile;
    final BusDevice control;
    final BusDevice busMaster;

    AtaHost(boolean forcePio, BlockBackend... drives) {
        ide = new PiixIde(irq14, irq15, memory, drives, forcePio);
        taskFile = ide.primaryTaskFile();
        control = ide.primaryControl();
        busMaster = ide.pciFunction().bars().getFirst().handler();
    }

    int in(int register) {
        return (int) taskFile.read(register, 1);
    }

    void out(int register, int value) {
        taskFile.write(register, 1, value);
    }

    int altStatus() {
        return (int) control.read(0, 1);
    }

    void deviceControl(int value) {
        control.write(0, 1, value);
    }

    int bm(int register) {
        return (int) busMaster.read(register, 1);
    }

    void bmOut(int register, int value) {
        busMaster.write(register, 1, value);
    }

    /** ata_sff_tf_load for a 28-bit LBA command, then the command byte. */
    void command28(int command, long lba, int count, int features) {
        out(FEATURES, features);
        out(NSECT, count);
        out(LBAL, (int) lba);
        out(LBAM, (int) (lba >>> 8));
        out(LBAH, (int) (lba >>> 16));
        out(DEVICE, 0xe0 | (int) (lba >>> 24 & 0x0f));
        out(COMMAND, command);
    }

    /** ata_sff_tf_load for an LBA48 command: high-order bytes first, then low. */
    void loadTaskFile48(long lba, int count) {
        out(NSECT, count >>> 8);
        out(LBAL, (int) (lba >>> 24));
        out(LBAM, (int) (lba >>> 32));
        out(LBAH, (int) (lba >>> 40));
        out(NSECT, count);
        out(LBAL, (int) lba);
        out(LBAM, (int) (lba >>> 8));
        out(LBAH, (int) (lba >>> 16));
        out(DEVICE, 0x40);
    }

    void command48(int command, long lba, int count) {
        loadTaskFile48(lba, count);
        out(COMMAND, command);
    }

    byte[] readBlock(int bytes) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i += 2) {
            int word = (int) taskFile.read(DATA, 2);
            data[i] = (byte) word;
            data[i + 1] = (byte) (word >>> 8);
        }
        return data;
    }

    void writeBlock(byte[] data, int offset, int bytes) {
        for (int i = 0; i < bytes; i += 2) {
            taskFile.write(DATA, 2, (data[offset + i] & 0xff) | (data[offset + i + 1] & 0xff) << 8);
        }
    }

    /** Writes one PRD entry: a region, its byte count (0 = 64 KiB), and whether it ends the table. */
    void prd(long entryAddress, long region, int count, boolean last) {
        memory.writeInt(entryAddress, (int) region);
        memory.writeInt(entryAddress + 4, (count & 0xffff) | (last ? 0x80000000 : 0));
    }

    /** ata_bmdma_setup then ata_bmdma_start around the command, as ata_bmdma_qc_issue orders them. */
    void dma(int command, long lba, int count, long prdTable, boolean toMemory) {
        loadTaskFile48(lba, count);
        busMaster.write(BM_PRD, 4, prdTable);
        int dmactl = bm(BM_COMMAND) & ~0x09;
        bmOut(BM_COMMAND, toMemory ? dmactl | 0x08 : dmactl);
        bmOut(BM_STATUS, bm(BM_STATUS) | 0x06);
        out(COMMAND, command);
        bmOut(BM_COMMAND, bm(BM_COMMAND) | 0x01);
    }

    /** ata_bmdma_stop and ata_bmdma_irq_clear, after reading the BM status as the interrupt handler does. */
    int finishDma() {
        int status = bm(BM_STATUS);
        bmOut(BM_COMMAND, bm(BM_COMMAND) & ~0x01);
        bmOut(BM_STATUS, bm(BM_STATUS));
        return status;
    }

    void softReset() {
        deviceControl(0x02 | 0x04);
        deviceControl(0x02);
    }

    @Override
    public void close() {
        memory.close();
    }
}
