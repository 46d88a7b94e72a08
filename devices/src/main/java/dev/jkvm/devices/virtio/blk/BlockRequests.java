package dev.jkvm.devices.virtio.blk;

import dev.jkvm.devices.block.BlockBackend;
import dev.jkvm.devices.virtio.DescriptorChain;
import dev.jkvm.devices.virtio.GuestBuffers;
import dev.jkvm.devices.virtio.MalformedQueueException;
import dev.jkvm.devices.virtio.VirtioFeatures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Carries out one virtio-blk request (virtio 1.2, 5.2.6): a 16-byte header (type, reserved,
 * sector) and any data the device reads, then any data the device writes and the status byte,
 * which is written last. Requests the disk cannot do end in a status, never an exception: past
 * the capacity, misaligned, or writing to a read-only disk is IOERR; an unknown type is UNSUPP.
 */
final class BlockRequests {
    static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8, T_DISCARD = 11, T_WRITE_ZEROES = 13;
    static final byte S_OK = 0, S_IOERR = 1, S_UNSUPP = 2;
    static final int HEADER_SIZE = 16;
    static final int ID_BYTES = 20;
    /** struct virtio_blk_discard_write_zeroes: sector, num_sectors, flags (bit 0 unmap). */
    static final int RANGE_SIZE = 16;
    static final int MAX_RANGES = 16;
    static final int MAX_RANGE_SECTORS = 0x3fffff;

    private static final int SECTOR = BlockBackend.SECTOR;
    private static final int FLAG_UNMAP = 1;
    /** The most one backend call moves: bounds the host buffers a guest can make us allocate. */
    private static final int MAX_TRANSFER = 1 << 20;

    private final BlockBackend backend;
    private final long capacitySectors;

    BlockRequests(BlockBackend backend) {
        this.backend = backend;
        this.capacitySectors = backend.size() / SECTOR;
    }

    long capacitySectors() {
        return capacitySectors;
    }

    /**
     * Executes the request and writes its status.
     *
     * @return the used length: the device-writable bytes, all of which precede or are the status
     * @throws MalformedQueueException if the chain has no device-writable byte for the status
     */
    int execute(DescriptorChain chain, long features) throws MalformedQueueException {
        GuestBuffers toDevice = chain.readable();
        GuestBuffers fromDevice = chain.writable();
        if (fromDevice.length() == 0) throw new MalformedQueueException("block request " + chain.head() + " without a status byte");
        long statusOffset = fromDevice.length() - 1;
        byte status = S_IOERR;
        if (toDevice.length() >= HEADER_SIZE) {
            byte[] header = new byte[HEADER_SIZE];
            toDevice.read(0, header, 0, HEADER_SIZE);
            ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int type = fields.getInt(0);
            long sector = fields.getLong(8);
            GuestBuffers payload = toDevice.range(HEADER_SIZE, toDevice.length() - HEADER_SIZE);
            try {
                status = run(type, sector, payload, fromDevice.range(0, statusOffset), features);
            } catch (IOException e) {
                status = S_IOERR;
            }
        }
        fromDevice.writeByte(statusOffset, status);
        return (int) Math.min(fromDevice.length(), 0xffffffffL);
    }

    private byte run(int type, long sector, GuestBuffers payload, GuestBuffers result, long features) throws IOException {
        return switch (type) {
            case T_IN -> transfer(sector, result, true);
            case T_OUT -> backend.readOnly() ? S_IOERR : transfer(sector, payload, false);
            case T_FLUSH -> {
                backend.flush();
                yield S_OK;
            }
            case T_GET_ID -> getId(result);
            case T_DISCARD -> rangeCommand(type, payload, features, VirtioBlock.F_DISCARD);
            case T_WRITE_ZEROES -> rangeCommand(type, payload, features, VirtioBlock.F_WRITE_ZEROES);
            default -> S_UNSUPP;
        };
    }

    private boolean inCapacity(long sector, long sectors) {
        return Long.compareUnsigned(sector, capacitySectors) <= 0 && sectors <= capacitySectors - sector;
    }

    /**
     * Moves whole sectors between the disk and guest buffers, handing the backend views of guest RAM
     * where a run of sectors is contiguous and bouncing a sector that straddles two buffers.
     */
    private byte transfer(long sector, GuestBuffers data, boolean toGuest) throws IOException {
        if (data.length() % SECTOR != 0 || !inCapacity(sector, data.length() / SECTOR)) return S_IOERR;
        long position = sector * SECTOR;
        long done = 0;
        while (done < data.length()) {
            long contiguous = data.range(done, Math.min(MAX_TRANSFER, data.length() - done)).ranges().getFirst().length();
            long length = contiguous >= SECTOR ? contiguous - contiguous % SECTOR : SECTOR;
            GuestBuffers piece = data.range(done, length);
            boolean direct = piece.ranges().size() == 1;
            if (toGuest) {
                ByteBuffer buffer = direct ? piece.writableSegments().getFirst().asByteBuffer() : ByteBuffer.allocate((int) length);
                backend.read(position + done, buffer);
                if (direct) piece.written();
                else piece.write(0, buffer.array(), 0, (int) length);
            } else {
                ByteBuffer buffer = direct ? piece.segments().getFirst().asByteBuffer() : ByteBuffer.allocate((int) length);
                if (!direct) piece.read(0, buffer.array(), 0, (int) length);
                backend.write(position + done, buffer);
            }
            done += length;
        }
        return S_OK;
    }

    /** The disk's serial number, NUL-padded to 20 bytes (not terminated when it fills them). */
    private byte getId(GuestBuffers result) {
        byte[] id = new byte[ID_BYTES];
        byte[] serial = backend.serial().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(serial, 0, id, 0, Math.min(serial.length, ID_BYTES));
        result.write(0, id, 0, (int) Math.min(ID_BYTES, result.length()));
        return S_OK;
    }

    private byte rangeCommand(int type, GuestBuffers payload, long features, int feature) throws IOException {
        if (!VirtioFeatures.has(features, feature)) return S_UNSUPP;
        return backend.readOnly() ? S_IOERR : ranges(type, payload);
    }

    /** DISCARD and WRITE_ZEROES: all ranges are checked before any is carried out. */
    private byte ranges(int type, GuestBuffers payload) throws IOException {
        long count = payload.length() / RANGE_SIZE;
        if (payload.length() % RANGE_SIZE != 0 || count == 0 || count > MAX_RANGES) return S_IOERR;
        byte[] bytes = new byte[(int) payload.length()];
        payload.read(0, bytes, 0, bytes.length);
        ByteBuffer ranges = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int flags = ranges.getInt(i * RANGE_SIZE + 12);
            // Discard must not ask to unmap; write zeroes may, and this device always writes zeroes.
            int allowedFlags = type == T_WRITE_ZEROES ? FLAG_UNMAP : 0;
            if ((flags & ~allowedFlags) != 0) return S_UNSUPP;
            long sectors = ranges.getInt(i * RANGE_SIZE + 8) & 0xffffffffL;
            if (sectors > MAX_RANGE_SECTORS || !inCapacity(ranges.getLong(i * RANGE_SIZE), sectors)) return S_IOERR;
        }
        for (int i = 0; i < count; i++) {
            long offset = ranges.getLong(i * RANGE_SIZE) * SECTOR;
            long length = (ranges.getInt(i * RANGE_SIZE + 8) & 0xffffffffL) * SECTOR;
            if (type == T_DISCARD) backend.discard(offset, length);
            else backend.writeZeroes(offset, length);
        }
        return S_OK;
    }
}
