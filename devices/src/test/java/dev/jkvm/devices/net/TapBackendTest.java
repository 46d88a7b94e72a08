package dev.jkvm.devices.net;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jkvm.devices.net.BigEndian.*;
import static dev.jkvm.devices.net.Packets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs /dev/net/tun and CAP_NET_ADMIN; skipped without them unless CI=true, where they are required. */
class TapBackendTest {
    private static final Path TUN = Path.of("/dev/net/tun");
    private static final String NAME = "jkvmt" + ProcessHandle.current().pid() % 100000;

    @Test
    void createsTapSendsAndReceivesFrames() throws Exception {
        requireTun();
        BlockingQueue<byte[]> fromHost = new LinkedBlockingQueue<>();
        try (TapBackend tap = new TapBackend(NAME)) {
            tap.attach((frame, offset, length) -> fromHost.add(java.util.Arrays.copyOfRange(frame, offset, offset + length)));
            assertEquals(0, run("ip", "link", "show", NAME), "the interface exists");
            assertEquals(0, run("ip", "link", "set", NAME, "up"));
            assertEquals(0, run("ip", "addr", "add", "10.213.0.1/24", "dev", NAME));

            long before = rxPackets();
            byte[] frame = new byte[60];
            putEthernet(frame, new byte[] {-1, -1, -1, -1, -1, -1}, new byte[] {0x52, 0x54, 0, 1, 2, 3}, 0x88b5);
            tap.send(frame, 0, frame.length);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (rxPackets() == before && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(rxPackets() > before, "the host received the guest's frame");

            // A datagram to a neighbour on the tap makes the host ARP for it through the guest's link.
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(new byte[1], 1, InetAddress.getByName("10.213.0.2"), 9));
            }
            byte[] arp = awaitArpFor(fromHost, ipv4(10, 213, 0, 2));
            assertNotNull(arp, "the ARP request reached the guest side");
        }
        assertNotEquals(0, run("ip", "link", "show", NAME), "a non-persistent tap disappears on close");
    }

    @Test
    void rejectsBadNames() {
        assertThrows(IllegalArgumentException.class, () -> new TapBackend("a-name-longer-than-15"));
        assertThrows(IllegalArgumentException.class, () -> new TapBackend(""));
    }

    private static byte[] awaitArpFor(BlockingQueue<byte[]> frames, int targetIp) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && frame.length >= 42 && getShort(frame, 12) == ETHERTYPE_ARP && getInt(frame, 38) == targetIp) {
                return frame;
            }
        }
        return null;
    }

    private static void requireTun() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Files.exists(TUN)) {
            String message = TUN + " does not exist: the TAP backend test needs the tun driver";
            if (ci) throw new AssertionError(message);
            Assumptions.abort(message);
        }
        try {
            new TapBackend(NAME + "p").close();
        } catch (TapBackend.TapException e) {
            if (ci) throw e;
            Assumptions.abort(e.getMessage());
        }
    }

    private static long rxPackets() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", NAME, "statistics/rx_packets")).trim());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
