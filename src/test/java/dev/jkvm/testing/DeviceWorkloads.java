package dev.jkvm.testing;

import dev.jkvm.devices.net.DataPattern;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The device workloads the default guest runs with its own Linux drivers, the same on both accelerators
 * (dev.jkvm.devices.* software-CPU tests and the nested-KVM lane): the guest commands, the images the host
 * prepares, and the checks of what the guest printed and left behind.
 *
 * <p>Disk: the guest prints the transfer mode libata chose for the first ATA drive (ATA-MODE XFER_MW_DMA_2 or
 * XFER_PIO_4; empty without IDE). The image holds two seeded random halves A and B. The guest reads A with
 * O_DIRECT and prints its MD5 (READ-MD5 DEV), copies A over B with O_DIRECT, reads the copy back (WRITE-MD5
 * DEV); the host then finds A twice in the file. A random A shows any misplaced sector, a B unlike A any lost write.
 *
 * <p>Network: the guest fetches N bytes of the user network's source (TCP 19, {@link DataPattern}) into
 * RAM and prints their MD5 (SOURCE-MD5) beside the source's own (SOURCE-SUM), then sends them to the sink
 * (TCP 9), which replies with the byte count and MD5 it received (SINK).
 */
public final class DeviceWorkloads {
    public static final long MIB = 1 << 20;

    private DeviceWorkloads() {}

    /** How much the disk workload moves each way: {@code blocks} dd blocks of {@code blockKib} KiB. */
    public record DiskSize(int blockKib, int blocks) {
        public static DiskSize mib(int mib) {
            return new DiskSize(1024, mib);
        }

        int halfBytes() {
            return blockKib * blocks * 1024;
        }
    }

    /** The guest command of the disk workload on each block device in turn (e.g. /dev/sda), all of one size. */
    public static String diskCopy(DiskSize size, String... devices) {
        return "t(){ echo \"T $1 $(cut -d' ' -f1 /proc/uptime)\";}\n"
                + "n=" + size.blocks() + " b=" + size.blockKib() + "k\n"
                + "dmesg | grep -E '\\[(sd|vd)a\\] [0-9]'\n"
                + "echo ATA-MODE $(cat /sys/class/ata_device/dev1.0/xfer_mode 2>/dev/null)\n"
                + "for d in " + String.join(" ", devices) + "; do\n"
                + "t start\n"
                + "echo READ-MD5 $d $(dd if=$d bs=$b count=$n iflag=direct | md5sum)\n"
                + "t read\n"
                + "dd if=$d of=$d bs=$b count=$n seek=$n iflag=direct oflag=direct || echo WRITE-FAILED\n"
                + "sync; t write\n"
                + "echo WRITE-MD5 $d $(dd if=$d bs=$b count=$n skip=$n iflag=direct | md5sum)\n"
                + "t reread\n"
                + "done";
    }

    /** Writes the disk workload's image: two random halves from {@code seed}. */
    public static void writeDiskImage(Path image, DiskSize size, long seed) throws IOException {
        byte[] bytes = new byte[2 * size.halfBytes()];
        new SplittableRandom(seed).nextBytes(bytes);
        Files.write(image, bytes);
    }

    /** The transfer mode libata chose for the IDE drive (XFER_MW_DMA_2, XFER_PIO_4, ...), from the disk workload's log. */
    public static String ataMode(String log) {
        Matcher m = Pattern.compile("(?m)^ATA-MODE (XFER_\\w+)").matcher(log);
        if (!m.find()) fail("no ATA transfer mode in the log:\n" + log);
        return m.group(1);
    }

    /** Checks the guest's log and the image after the disk workload. */
    public static void checkDiskCopy(String log, String dev, Path image, DiskSize size, long seed) throws IOException {
        int half = size.halfBytes();
        byte[] original = new byte[2 * half];
        new SplittableRandom(seed).nextBytes(original);
        byte[] a = Arrays.copyOf(original, half);
        assertEquals(md5(a), field(log, "READ-MD5 " + dev), "the guest read other data than the image holds:\n" + log);
        assertFalse(log.contains("WRITE-FAILED"), "the guest's dd copy failed:\n" + log);
        assertEquals(md5(a), field(log, "WRITE-MD5 " + dev), "the guest read back other data than it wrote:\n" + log);
        byte[] after = Files.readAllBytes(image);
        assertEquals(2L * half, after.length, "the image changed size");
        int first = Arrays.mismatch(a, 0, half, after, 0, half);
        assertEquals(-1, first, "the first half changed at byte " + first + "\n" + log);
        int second = Arrays.mismatch(a, 0, half, after, half, 2 * half);
        assertEquals(-1, second, "the copy differs from what the guest read at byte " + (half + second) + "\n" + log);
    }

    /** The guest command of the network workload over eth0: {@code bytes} from the source, then back to the sink. */
    public static String netRoundTrip(long bytes) {
        return "t(){ echo \"T $1 $(cut -d' ' -f1 /proc/uptime)\";}\n"
                + "ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up || echo NET-SETUP-FAILED\n"
                + "dmesg | grep -E 'e1000|virtio_net|eth0' | tail -4\n"
                + "t start\n"
                + "echo " + bytes + " | nc 10.0.2.2 19 > /tmp/rx\n"
                + "t source\n"
                + "echo SOURCE-MD5 $(md5sum < /tmp/rx)\n"
                + "echo SOURCE-SUM $(echo sum " + bytes + " | nc 10.0.2.2 19)\n"
                + "t sum\n"
                + "echo SINK $(nc 10.0.2.2 9 < /tmp/rx)\n"
                + "t sink";
    }

    /** Checks the guest's log after the network workload. */
    public static void checkNetRoundTrip(String log, long bytes) {
        assertFalse(log.contains("NET-SETUP-FAILED"), "ip could not configure eth0:\n" + log);
        String expected = DataPattern.md5(bytes);
        assertEquals(expected, field(log, "SOURCE-SUM"), "the source's own sum:\n" + log);
        assertEquals(expected, field(log, "SOURCE-MD5"), "the guest received other data than the source sent:\n" + log);
        Matcher sink = Pattern.compile("(?m)^SINK (\\d+) ([0-9a-f]{32})\\s*$").matcher(log);
        assertTrue(sink.find(), "no reply from the sink:\n" + log);
        assertEquals(bytes, Long.parseLong(sink.group(1)), "the sink counted other bytes:\n" + log);
        assertEquals(expected, sink.group(2), "the sink received other data than the guest sent:\n" + log);
    }

    /** The 32 hex digits after "KEY " at the start of a line. */
    public static String field(String log, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " ([0-9a-f]{32})\\b").matcher(log);
        if (!m.find()) fail("no " + key + " line:\n" + log);
        return m.group(1);
    }

    public static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
