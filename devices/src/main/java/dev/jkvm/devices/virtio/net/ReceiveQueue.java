package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.virtio.Activation;
import dev.jkvm.devices.virtio.DescriptorChain;
import dev.jkvm.devices.virtio.MalformedQueueException;
import dev.jkvm.devices.virtio.Virtqueue;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts received frames into the driver's receive buffers, each behind a virtio_net_hdr. With
 * mergeable receive buffers a frame spans as many buffers as it needs and the header says how
 * many; otherwise it must fit one buffer, and a frame too large for it is dropped. A frame waits
 * (is refused) until enough buffers are available; they are taken all at once. The caller publishes
 * the used entries.
 */
final class ReceiveQueue {
    private ReceiveQueue() {}

    /** @return false if the driver has not made enough buffers available for the frame */
    static boolean deliver(Activation activation, Virtqueue queue, byte[] frame, int offset, int length)
            throws MalformedQueueException {
        boolean mergeable = activation.hasFeature(VirtioNet.F_MRG_RXBUF);
        long needed = NetHeader.SIZE + (long) length;
        List<DescriptorChain> buffers = new ArrayList<>();
        long room = 0;
        while (room < needed && (mergeable || buffers.isEmpty())) {
            DescriptorChain buffer = queue.pop();
            if (buffer == null) {
                queue.undoPop(buffers.size());
                return false;
            }
            buffers.add(buffer);
            room += buffer.writable().length();
        }
        if (room < needed) {
            queue.addUsed(buffers.getFirst().head(), 0);
        } else {
            byte[] packet = new byte[(int) needed];
            System.arraycopy(NetHeader.received(buffers.size()), 0, packet, 0, NetHeader.SIZE);
            System.arraycopy(frame, offset, packet, NetHeader.SIZE, length);
            int written = 0;
            for (DescriptorChain buffer : buffers) {
                int part = (int) Math.min(buffer.writable().length(), packet.length - written);
                buffer.writable().write(0, packet, written, part);
                queue.addUsed(buffer.head(), part);
                written += part;
            }
        }
        return true;
    }
}
