package dev.jkvm.devices.irq;

/** An interrupt line for tests: its level and how many rising edges it saw. */
public final class RecordingIrqLine implements IrqLine {
    private boolean level;
    private int risingEdges;

    @Override
    public synchronized void set(boolean newLevel) {
        if (newLevel && !level) risingEdges++;
        level = newLevel;
    }

    public synchronized boolean level() {
        return level;
    }

    public synchronized int risingEdges() {
        return risingEdges;
    }
}
