package dev.jkvm.accel.tcg;

import dev.jkvm.cli.Main;
import dev.jkvm.guest.BuiltGuest;
import dev.jkvm.testing.DeviceWorkloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The disks and NICs on the software CPU, driven by the default guest's Linux drivers through `jkvm run` as a
 * user would: 64 MiB each way through IDE with bus-master DMA (/dev/sda) and virtio-blk (/dev/vda), and 16 MiB
 * each way between the user network's peer and e1000 or virtio-net ({@link DeviceWorkloads} says how each is
 * checked).
 */
class SoftwareCpuDevicesTest {
    private static final DeviceWorkloads.DiskSize SIZE = DeviceWorkloads.DiskSize.mib(64);
    private static final long NET_BYTES = 16 * DeviceWorkloads.MIB;

    @TempDir
    Path dir;

    @Test
    void ideAndVirtioBlkReadAndWriteSixtyFourMib() throws Exception {
        BuiltGuest.require();
        Path ide = dir.resolve("ide.img"), virtio = dir.resolve("virtio.img");
        DeviceWorkloads.writeDiskImage(ide, SIZE, 1);
        DeviceWorkloads.writeDiskImage(virtio, SIZE, 2);
        Path console = dir.resolve("console.log");
        int status = Main.execute("run", "--accel", "tcg", "--console", "file:" + console,
                "--disk", ide + ",if=ide", "--disk", virtio + ",if=virtio",
                "--run", DeviceWorkloads.diskCopy(SIZE, "/dev/sda", "/dev/vda"));
        String log = Files.readString(console);
        System.out.println(log);
        assertEquals(0, status, log);
        assertEquals("XFER_MW_DMA_2", DeviceWorkloads.ataMode(log), "ata_piix should use bus-master DMA");
        DeviceWorkloads.checkDiskCopy(log, "/dev/sda", ide, SIZE, 1);
        DeviceWorkloads.checkDiskCopy(log, "/dev/vda", virtio, SIZE, 2);
    }

    @ParameterizedTest(name = "--nic model={0}")
    @ValueSource(strings = {"e1000", "virtio"})
    void nicMovesSixteenMibEachWay(String model) throws Exception {
        BuiltGuest.require();
        Path console = dir.resolve("console.log");
        int status = Main.execute("run", "--accel", "tcg", "--console", "file:" + console,
                "--nic", "model=" + model + ",net=user", "--run", DeviceWorkloads.netRoundTrip(NET_BYTES));
        String log = Files.readString(console);
        System.out.println(log);
        assertEquals(0, status, log);
        DeviceWorkloads.checkNetRoundTrip(log, NET_BYTES);
    }
}
