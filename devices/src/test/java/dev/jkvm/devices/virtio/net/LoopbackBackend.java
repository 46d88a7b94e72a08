package dev.jkvm.devices.virtio.net;

import dev.jkvm.devices.net.NetBackend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A wire that brings every sent frame straight back, holding frames the NIC refused until it
 * reports room, as a real backend does. Tests can also inject frames from the outside.
 */
public final class LoopbackBackend implements NetBackend {
    private final Deque<byte[]> held = new ArrayDeque<>();
    public final List<byte[]> sent = new ArrayList<>();
    int roomReports;
    private FrameSink sink;

    @Override
    public synchronized void send(byte[] frame, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(frame, offset, offset + length);
        sent.add(copy);
        inject(copy);
    }

    public synchronized void inject(byte[] frame) {
        held.add(frame);
        drain();
    }

    @Override
    public synchronized void attach(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void receiveRoomAvailable() {
        roomReports++;
        drain();
    }

    private void drain() {
        while (!held.isEmpty() && sink.offer(held.peek(), 0, held.peek().length)) held.remove();
    }

    synchronized int heldFrames() {
        return held.size();
    }

    @Override
    public void close() {}
}
