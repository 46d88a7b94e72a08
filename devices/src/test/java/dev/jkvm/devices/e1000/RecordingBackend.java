package dev.jkvm.devices.e1000;

import dev.jkvm.devices.net.NetBackend;

import java.util.ArrayList;
import java.util.List;

/** A backend for tests: keeps what the NIC sent and offers frames on request. */
final class RecordingBackend implements NetBackend {
    final List<byte[]> sent = new ArrayList<>();
    private FrameSink sink;
    private int roomNotifications;

    @Override
    public synchronized void send(byte[] frame, int offset, int length) {
        sent.add(java.util.Arrays.copyOfRange(frame, offset, offset + length));
    }

    @Override
    public synchronized void attach(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void receiveRoomAvailable() {
        roomNotifications++;
    }

    synchronized int roomNotifications() {
        return roomNotifications;
    }

    boolean offer(byte[] frame) {
        FrameSink target;
        synchronized (this) {
            target = sink;
        }
        return target.offer(frame, 0, frame.length);
    }

    @Override
    public void close() {}
}
