package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.BigEndian;
import dev.jkvm.devices.net.InternetChecksum;
import dev.jkvm.devices.net.UserNetwork;
import org.junit.jupiter.api.Test;

import static dev.jkvm.devices.e1000.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NIC wired to the user network: a ping leaves through the TX ring and its reply arrives in the RX ring. */
class E1000UserNetworkTest {
    @Test
    void pingThePeerThroughTheRings() throws Exception {
        try (UserNetwork network = new UserNetwork(); Nic nic = new Nic(network)) {
            nic.linuxReset();
            nic.setUpReceive(8, 0);
            nic.setUpTransmit(8);
            byte[] ping = new byte[14 + 20 + 8];
            System.arraycopy(UserNetwork.PEER_MAC, 0, ping, 0, 6);
            System.arraycopy(Nic.MAC, 0, ping, 6, 6);
            BigEndian.putShort(ping, 12, 0x0800);
            ping[14] = 0x45;
            BigEndian.putShort(ping, 16, 28);
            ping[22] = 64;
            ping[23] = 1;
            BigEndian.putInt(ping, 26, UserNetwork.GUEST_IP);
            BigEndian.putInt(ping, 30, UserNetwork.PEER_IP);
            BigEndian.putShort(ping, 24, InternetChecksum.of(ping, 14, 20));
            ping[34] = 8;
            BigEndian.putShort(ping, 40, 42);
            BigEndian.putShort(ping, 36, InternetChecksum.of(ping, 34, 8));
            nic.queueLegacy(0, Nic.TX_BUFFERS, ping);
            nic.write(TDT, 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((nic.rxStatus(0) & Receiver.STATUS_DD) == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertTrue((nic.rxStatus(0) & Receiver.STATUS_DD) != 0, "reply received");
            byte[] reply = nic.rxBuffer(0, 2048, 42);
            assertEquals(0, reply[34], "echo reply");
            assertEquals(42, BigEndian.getShort(reply, 40), "same sequence");
            assertEquals(60 + 4, nic.rxLength(0), "padded to the minimum, plus FCS");
        }
    }
}
