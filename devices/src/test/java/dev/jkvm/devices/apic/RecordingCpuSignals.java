package dev.jkvm.devices.apic;

import java.util.ArrayList;
import java.util.List;

/** CPU signals for tests: what a LAPIC told its vCPU. */
final class RecordingCpuSignals implements CpuSignals {
    int inits;
    int nmis;
    int interruptsPending;
    final List<Integer> startups = new ArrayList<>();

    @Override
    public synchronized void init() {
        inits++;
    }

    @Override
    public synchronized void startup(int vector) {
        startups.add(vector);
    }

    @Override
    public synchronized void nmi() {
        nmis++;
    }

    @Override
    public synchronized void interruptPending() {
        interruptsPending++;
    }
}
