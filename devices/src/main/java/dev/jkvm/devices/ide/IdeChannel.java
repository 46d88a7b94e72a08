package dev.jkvm.devices.ide;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.bus.BusDevice;
import dev.jkvm.devices.irq.IrqLine;
import dev.jkvm.devices.memory.GuestMemory;
import dev.jkvm.devices.memory.GuestMemoryException;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One IDE channel: the task file and device control registers of up to two ATA disks, their
 * command state machine, and the channel's bus-master DMA registers.
 *
 * <p>Commands run to completion on the thread that writes the command register (or, for DMA, the
 * later bus-master start), so BSY is never seen; every wait is an explicit phase, which is what an
 * I/O thread would pick up. PIO reads raise INTRQ per DRQ block (one sector, or the multiple
 * count); PIO writes ask for the first block without an interrupt and raise one after each block
 * is on disk. Reading status clears INTRQ, alternate status does not, nIEN keeps it off the line.
 *
 * <p>Ranges past the disk fail with IDNF before the backend is touched; backend errors become UNC
 * (reads) or ABRT (writes, flushes). DMA to or from memory that is not RAM sets the bus-master
 * error bit and fails the command with ABRT. A PRD table shorter than the transfer stops the
 * engine with active and interrupt clear and leaves the drive waiting, as the SFF-8038i
 * specification describes, until the host resets it.
 */
final class IdeChannel {
    /** With no drive on the cable the host's pull-down holds DD7 low and the other lines float high. */
    private static final int EMPTY_BUS = 0x7f;
    private static final int SECTOR = BlockBackend.SECTOR;
    private static final int DMA_CHUNK_SECTORS = 128;

    static final int BM_COMMAND = 0, BM_STATUS = 2, BM_PRD_ADDRESS = 4;
    static final int BM_START = 0x01, BM_WRITE_TO_MEMORY = 0x08;
    static final int BM_ACTIVE = 0x01, BM_ERROR = 0x02, BM_INTERRUPT = 0x04, BM_DRIVE0_DMA_CAPABLE = 0x20,
            BM_DRIVE1_DMA_CAPABLE = 0x40, BM_DRIVE_DMA_CAPABLE = BM_DRIVE0_DMA_CAPABLE | BM_DRIVE1_DMA_CAPABLE;

    private enum Phase { IDLE, RESET, PIO_IN, PIO_OUT, DMA_IN, DMA_OUT }

    private final IrqLine irq;
    private final GuestMemory memory;
    private final IdeDrive[] drives;
    private final TaskFile taskFile = new TaskFile();
    private final byte[] buffer = new byte[IdeDrive.MAX_MULTIPLE * SECTOR];
    private final BusDevice taskFileWindow = new TaskFileWindow();
    private final BusDevice controlWindow = new ControlWindow();

    private int status;
    private int error;
    private int control;
    private int selected;
    private boolean interruptPending;
    private boolean irqLevel;

    private Phase phase = Phase.IDLE;
    private long lba;
    private int remainingSectors;
    private int blockSectors;
    private int bufferPosition;
    private int bufferLength;

    private int bmCommand;
    private int bmStatus;
    private int prdAddress;

    IdeChannel(IrqLine irq, GuestMemory memory, IdeDrive master, IdeDrive slave) {
        this.irq = irq;
        this.memory = memory;
        this.drives = new IdeDrive[] {master, slave};
        // Firmware sets these to tell the OS which drives it put in a DMA mode; they only inform.
        if (master != null && master.dmaCapable) bmStatus |= BM_DRIVE0_DMA_CAPABLE;
        if (slave != null && slave.dmaCapable) bmStatus |= BM_DRIVE1_DMA_CAPABLE;
        finishReset();
    }

    BusDevice taskFile() {
        return taskFileWindow;
    }

    BusDevice control() {
        return controlWindow;
    }

    private final class TaskFileWindow implements BusDevice {
        @Override
        public long read(long offset, int size) {
            synchronized (IdeChannel.this) {
                if (offset == Ata.DATA && size >= 2) return readData(size);
                long value = 0;
                for (int i = 0; i < size; i++) value |= (long) readRegister((int) offset + i) << (8 * i);
                return value;
            }
        }

        @Override
        public void write(long offset, int size, long value) {
            synchronized (IdeChannel.this) {
                if (offset == Ata.DATA && size >= 2) {
                    writeData(size, value);
                    return;
                }
                for (int i = 0; i < size; i++) writeRegister((int) offset + i, (int) (value >>> (8 * i)) & 0xff);
            }
        }
    }

    /** Alternate status (read) and device control (write), one byte. */
    private final class ControlWindow implements BusDevice {
        @Override
        public long read(long offset, int size) {
            synchronized (IdeChannel.this) {
                long allOnes = size >= 8 ? -1L : (1L << (8 * size)) - 1;
                if (offset != 0) return allOnes;
                return allOnes & ~0xffL | (noDrives() ? EMPTY_BUS : selectedStatus());
            }
        }

        @Override
        public void write(long offset, int size, long value) {
            synchronized (IdeChannel.this) {
                if (offset == 0) writeControl((int) value & 0xff);
            }
        }
    }

    // ---- Task file ----

    private boolean noDrives() {
        return drives[0] == null && drives[1] == null;
    }

    private IdeDrive drive() {
        return drives[selected];
    }

    private int selectedStatus() {
        return drive() == null ? 0 : status;
    }

    private int readRegister(int register) {
        if (noDrives()) return EMPTY_BUS;
        boolean highOrder = (control & Ata.CONTROL_HOB) != 0;
        return switch (register) {
            case Ata.ERROR_FEATURES -> error;
            case Ata.SECTOR_COUNT, Ata.LBA_LOW, Ata.LBA_MID, Ata.LBA_HIGH -> taskFile.read(register, highOrder);
            case Ata.DEVICE -> taskFile.device();
            case Ata.STATUS_COMMAND -> {
                int value = selectedStatus();
                if (drive() != null) clearInterrupt();
                yield value;
            }
            default -> 0xff; // a byte access to the data register, or past the window
        };
    }

    private void writeRegister(int register, int value) {
        if (phase == Phase.RESET) return;
        switch (register) {
            case Ata.ERROR_FEATURES, Ata.SECTOR_COUNT, Ata.LBA_LOW, Ata.LBA_MID, Ata.LBA_HIGH -> {
                taskFile.write(register, value);
                control &= ~Ata.CONTROL_HOB;
            }
            case Ata.DEVICE -> {
                taskFile.setDevice(value);
                selected = (value & Ata.DEVICE_DEV) != 0 ? 1 : 0;
                control &= ~Ata.CONTROL_HOB;
            }
            case Ata.STATUS_COMMAND -> execute(value);
            default -> { } // a byte write to the data register moves nothing
        }
    }

    private long readData(int size) {
        int bytes = size >= 4 ? 4 : 2;
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int b = 0xff;
            if (phase == Phase.PIO_IN && drive() != null) {
                b = buffer[bufferPosition++] & 0xff;
                if (bufferPosition == bufferLength) pioInBlockDone();
            }
            value |= (long) b << (8 * i);
        }
        return value;
    }

    private void writeData(int size, long value) {
        int bytes = size >= 4 ? 4 : 2;
        for (int i = 0; i < bytes && phase == Phase.PIO_OUT && drive() != null; i++) {
            buffer[bufferPosition++] = (byte) (value >>> (8 * i));
            if (bufferPosition == bufferLength) pioOutBlockDone();
        }
    }

    private void writeControl(int value) {
        boolean wasResetting = (control & Ata.CONTROL_SRST) != 0;
        control = value & (Ata.CONTROL_NIEN | Ata.CONTROL_SRST | Ata.CONTROL_HOB);
        boolean resetting = (control & Ata.CONTROL_SRST) != 0;
        if (resetting && !wasResetting) {
            phase = Phase.RESET;
            status = Ata.STATUS_BSY;
            interruptPending = false;
        } else if (!resetting && wasResetting) {
            finishReset();
        }
        updateIrq();
    }

    /** Both drives end a reset with the ATA signature, device 0 selected, diagnostics passed. */
    private void finishReset() {
        phase = Phase.IDLE;
        taskFile.loadAtaSignature();
        selected = 0;
        error = Ata.DIAGNOSTIC_PASSED;
        status = noDrives() ? 0 : Ata.STATUS_READY;
    }

    // ---- Commands ----

    private void execute(int command) {
        if (command == Ata.CMD_EXECUTE_DEVICE_DIAGNOSTIC && !noDrives()) {
            finishReset();
            raiseInterrupt();
            return;
        }
        IdeDrive drive = drive();
        if (drive == null) return;
        phase = Phase.IDLE;
        error = 0;
        clearInterrupt();
        switch (command) {
            case Ata.CMD_IDENTIFY_DEVICE -> identify(drive);
            case Ata.CMD_READ_SECTORS, Ata.CMD_READ_SECTORS_NO_RETRY -> startTransfer(drive, Phase.PIO_IN, false, 1);
            case Ata.CMD_READ_SECTORS_EXT -> startTransfer(drive, Phase.PIO_IN, true, 1);
            case Ata.CMD_READ_MULTIPLE -> startTransfer(drive, Phase.PIO_IN, false, drive.multipleSectors());
            case Ata.CMD_READ_MULTIPLE_EXT -> startTransfer(drive, Phase.PIO_IN, true, drive.multipleSectors());
            case Ata.CMD_WRITE_SECTORS, Ata.CMD_WRITE_SECTORS_NO_RETRY -> startTransfer(drive, Phase.PIO_OUT, false, 1);
            case Ata.CMD_WRITE_SECTORS_EXT -> startTransfer(drive, Phase.PIO_OUT, true, 1);
            case Ata.CMD_WRITE_MULTIPLE -> startTransfer(drive, Phase.PIO_OUT, false, drive.multipleSectors());
            case Ata.CMD_WRITE_MULTIPLE_EXT -> startTransfer(drive, Phase.PIO_OUT, true, drive.multipleSectors());
            case Ata.CMD_READ_DMA, Ata.CMD_READ_DMA_NO_RETRY -> startTransfer(drive, Phase.DMA_IN, false, 0);
            case Ata.CMD_READ_DMA_EXT -> startTransfer(drive, Phase.DMA_IN, true, 0);
            case Ata.CMD_WRITE_DMA, Ata.CMD_WRITE_DMA_NO_RETRY -> startTransfer(drive, Phase.DMA_OUT, false, 0);
            case Ata.CMD_WRITE_DMA_EXT -> startTransfer(drive, Phase.DMA_OUT, true, 0);
            case Ata.CMD_READ_VERIFY, Ata.CMD_READ_VERIFY_NO_RETRY -> verify(drive, false);
            case Ata.CMD_READ_VERIFY_EXT -> verify(drive, true);
            case Ata.CMD_FLUSH_CACHE, Ata.CMD_FLUSH_CACHE_EXT -> {
                if (flush(drive)) complete();
            }
            case Ata.CMD_SET_FEATURES -> setFeatures(drive);
            case Ata.CMD_SET_MULTIPLE_MODE -> completeIf(drive.setMultipleSectors(taskFile.sectorCount()));
            case Ata.CMD_INITIALIZE_DEVICE_PARAMETERS -> completeIf(drive.setGeometry(taskFile.head() + 1, taskFile.sectorCount()));
            case Ata.CMD_CHECK_POWER_MODE -> {
                taskFile.setSectorCount(Ata.POWER_MODE_ACTIVE);
                complete();
            }
            case Ata.CMD_IDLE, Ata.CMD_IDLE_IMMEDIATE, Ata.CMD_STANDBY, Ata.CMD_STANDBY_IMMEDIATE, Ata.CMD_SLEEP -> complete();
            // Packet (ATAPI) device commands, which an ATA disk aborts; libata's probe relies on that.
            case Ata.CMD_DEVICE_RESET, Ata.CMD_IDENTIFY_PACKET_DEVICE -> abort(Ata.ERROR_ABRT);
            default -> abort(Ata.ERROR_ABRT);
        }
    }

    private void identify(IdeDrive drive) {
        System.arraycopy(IdentifyData.of(drive), 0, buffer, 0, SECTOR);
        phase = Phase.PIO_IN;
        remainingSectors = 0;
        bufferPosition = 0;
        bufferLength = SECTOR;
        status = Ata.STATUS_READY | Ata.STATUS_DRQ;
        raiseInterrupt();
    }

    /** @param block sectors per DRQ block for PIO; 0 (a multiple command before SET MULTIPLE MODE) aborts */
    private void startTransfer(IdeDrive drive, Phase kind, boolean ext, int block) {
        boolean dma = kind == Phase.DMA_IN || kind == Phase.DMA_OUT;
        if ((dma && !drive.dmaCapable) || (!dma && block == 0)) {
            abort(Ata.ERROR_ABRT);
            return;
        }
        long start = ext ? taskFile.lba48() : address28(drive);
        int count = ext ? taskFile.count48() : taskFile.count28();
        if (!inRange(drive, start, count)) return;
        phase = kind;
        lba = start;
        remainingSectors = count;
        blockSectors = block;
        switch (kind) {
            case PIO_IN -> loadReadBlock(drive);
            case PIO_OUT -> prepareWriteBlock();
            default -> {
                status = Ata.STATUS_READY | Ata.STATUS_DRQ;
                runDmaIfStarted();
            }
        }
    }

    private long address28(IdeDrive drive) {
        if ((taskFile.device() & Ata.DEVICE_LBA) != 0) return taskFile.lba28();
        return drive.chsToLba(taskFile.cylinder(), taskFile.head(), taskFile.sector());
    }

    private boolean inRange(IdeDrive drive, long start, int count) {
        if (start < 0 || start > drive.sectors - count) {
            abort(Ata.ERROR_IDNF);
            return false;
        }
        return true;
    }

    private void verify(IdeDrive drive, boolean ext) {
        long start = ext ? taskFile.lba48() : address28(drive);
        if (inRange(drive, start, ext ? taskFile.count48() : taskFile.count28())) complete();
    }

    private void setFeatures(IdeDrive drive) {
        switch (taskFile.features()) {
            case Ata.FEATURE_ENABLE_WRITE_CACHE -> {
                drive.setWriteCache(true);
                complete();
            }
            case Ata.FEATURE_DISABLE_WRITE_CACHE -> {
                if (flush(drive)) {
                    drive.setWriteCache(false);
                    complete();
                }
            }
            case Ata.FEATURE_SET_TRANSFER_MODE -> completeIf(drive.setTransferMode(taskFile.sectorCount()));
            case Ata.FEATURE_ENABLE_READ_LOOK_AHEAD, Ata.FEATURE_DISABLE_READ_LOOK_AHEAD,
                 Ata.FEATURE_ENABLE_REVERTING_TO_DEFAULTS, Ata.FEATURE_DISABLE_REVERTING_TO_DEFAULTS -> complete();
            default -> abort(Ata.ERROR_ABRT);
        }
    }

    private boolean flush(IdeDrive drive) {
        try {
            drive.backend.flush();
            return true;
        } catch (IOException e) {
            abort(Ata.ERROR_ABRT);
            return false;
        }
    }

    // ---- PIO ----

    private void loadReadBlock(IdeDrive drive) {
        int sectors = Math.min(blockSectors, remainingSectors);
        try {
            drive.backend.read(lba * SECTOR, ByteBuffer.wrap(buffer, 0, sectors * SECTOR));
        } catch (IOException e) {
            abort(Ata.ERROR_UNC);
            return;
        }
        lba += sectors;
        remainingSectors -= sectors;
        bufferPosition = 0;
        bufferLength = sectors * SECTOR;
        status = Ata.STATUS_READY | Ata.STATUS_DRQ;
        raiseInterrupt();
    }

    private void pioInBlockDone() {
        if (remainingSectors > 0) {
            loadReadBlock(drive());
        } else {
            phase = Phase.IDLE;
            status = Ata.STATUS_READY;
        }
    }

    private void prepareWriteBlock() {
        bufferPosition = 0;
        bufferLength = Math.min(blockSectors, remainingSectors) * SECTOR;
        status = Ata.STATUS_READY | Ata.STATUS_DRQ;
    }

    private void pioOutBlockDone() {
        IdeDrive drive = drive();
        if (!writeToDisk(drive, ByteBuffer.wrap(buffer, 0, bufferLength))) return;
        if (remainingSectors > 0) {
            prepareWriteBlock();
            raiseInterrupt();
        } else if (!drive.writeCache() && !flush(drive)) {
            return;
        } else {
            complete();
        }
    }

    /** Writes the data at the transfer's LBA and advances it; false (command aborted) on a backend error. */
    private boolean writeToDisk(IdeDrive drive, ByteBuffer data) {
        int sectors = data.remaining() / SECTOR;
        try {
            drive.backend.write(lba * SECTOR, data);
        } catch (IOException e) {
            abort(Ata.ERROR_ABRT);
            return false;
        }
        lba += sectors;
        remainingSectors -= sectors;
        return true;
    }

    // ---- Bus-master DMA ----

    synchronized int readBusMaster(int register) {
        return switch (register) {
            case BM_COMMAND -> bmCommand;
            case BM_STATUS -> bmStatus;
            case BM_PRD_ADDRESS, BM_PRD_ADDRESS + 1, BM_PRD_ADDRESS + 2, BM_PRD_ADDRESS + 3 ->
                    prdAddress >>> (8 * (register - BM_PRD_ADDRESS)) & 0xff;
            default -> 0;
        };
    }

    synchronized void writeBusMaster(int register, int value) {
        switch (register) {
            case BM_COMMAND -> {
                boolean starting = (value & BM_START) != 0 && (bmCommand & BM_START) == 0;
                bmCommand = value & (BM_START | BM_WRITE_TO_MEMORY);
                if ((value & BM_START) == 0) {
                    bmStatus &= ~BM_ACTIVE;
                } else if (starting) {
                    bmStatus |= BM_ACTIVE;
                    runDmaIfStarted();
                }
            }
            case BM_STATUS -> bmStatus = bmStatus & BM_ACTIVE | bmStatus & (BM_ERROR | BM_INTERRUPT) & ~value
                    | value & BM_DRIVE_DMA_CAPABLE;
            case BM_PRD_ADDRESS, BM_PRD_ADDRESS + 1, BM_PRD_ADDRESS + 2, BM_PRD_ADDRESS + 3 -> {
                int shift = 8 * (register - BM_PRD_ADDRESS);
                prdAddress = (prdAddress & ~(0xff << shift) | value << shift) & ~3;
            }
            default -> { }
        }
    }

    /** DMA runs once both the drive has its command and the host has started the engine, in either order. */
    private void runDmaIfStarted() {
        if ((phase == Phase.DMA_IN || phase == Phase.DMA_OUT) && (bmStatus & BM_ACTIVE) != 0) runDma(drive());
    }

    private void runDma(IdeDrive drive) {
        boolean toMemory = phase == Phase.DMA_IN;
        PrdTable prds = new PrdTable(memory, Integer.toUnsignedLong(prdAddress));
        try {
            while (remainingSectors > 0) {
                ByteBuffer chunk = ByteBuffer.allocate(Math.min(DMA_CHUNK_SECTORS, remainingSectors) * SECTOR);
                if (toMemory) {
                    try {
                        drive.backend.read(lba * SECTOR, chunk);
                    } catch (IOException e) {
                        bmStatus &= ~BM_ACTIVE;
                        abort(Ata.ERROR_UNC);
                        return;
                    }
                    chunk.flip();
                    if (!prds.transfer(chunk, true)) {
                        bmStatus &= ~BM_ACTIVE;
                        return;
                    }
                    lba += chunk.capacity() / SECTOR;
                    remainingSectors -= chunk.capacity() / SECTOR;
                } else {
                    boolean whole = prds.transfer(chunk, false);
                    chunk.flip();
                    if (!whole) {
                        bmStatus &= ~BM_ACTIVE;
                        return;
                    }
                    if (!writeToDisk(drive, chunk)) {
                        bmStatus &= ~BM_ACTIVE;
                        return;
                    }
                }
            }
        } catch (GuestMemoryException e) {
            bmStatus = bmStatus & ~BM_ACTIVE | BM_ERROR;
            abort(Ata.ERROR_ABRT);
            return;
        }
        // A table longer than the transfer leaves the engine active, as the specification says.
        if (!prds.hasMore()) bmStatus &= ~BM_ACTIVE;
        if (!toMemory && !drive.writeCache() && !flush(drive)) return;
        complete();
    }

    // ---- Completion and interrupts ----

    private void completeIf(boolean accepted) {
        if (accepted) complete();
        else abort(Ata.ERROR_ABRT);
    }

    private void complete() {
        phase = Phase.IDLE;
        status = Ata.STATUS_READY;
        raiseInterrupt();
    }

    private void abort(int errorBits) {
        phase = Phase.IDLE;
        error = errorBits;
        status = Ata.STATUS_READY | Ata.STATUS_ERR;
        raiseInterrupt();
    }

    private void raiseInterrupt() {
        interruptPending = true;
        updateIrq();
    }

    private void clearInterrupt() {
        interruptPending = false;
        updateIrq();
    }

    /** INTRQ follows the pending interrupt unless nIEN masks it; the bus-master interrupt bit latches its rising edge. */
    private void updateIrq() {
        boolean level = interruptPending && (control & Ata.CONTROL_NIEN) == 0;
        if (level == irqLevel) return;
        irqLevel = level;
        if (level) bmStatus |= BM_INTERRUPT;
        irq.set(level);
    }
}
