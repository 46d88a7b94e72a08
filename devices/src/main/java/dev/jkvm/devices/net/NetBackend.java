package dev.jkvm.devices.net;

/**
 * The host side of a NIC: frames the guest sends go to {@link #send}; frames for the guest are
 * offered to the {@link FrameSink} the NIC attached, from the backend's own thread. Frames are whole
 * Ethernet frames without the FCS.
 */
public interface NetBackend extends AutoCloseable {
    /** Sends one frame from the guest. Must not block the vCPU for long; may drop when congested. */
    void send(byte[] frame, int offset, int length);

    /** Connects the NIC's receive path. */
    void attach(FrameSink sink);

    /**
     * True when this backend ends every run of offers with {@link FrameSink#endOfBurst}, so a NIC
     * may hold its interrupt until then: one interrupt per burst, as interrupt moderation gives.
     */
    default boolean deliversInBursts() {
        return false;
    }

    /**
     * The NIC calls this when the guest has posted receive buffers again, so frames the sink
     * refused can be offered anew. Nothing is lost while the guest has no buffers; the backend holds
     * (or, like a real wire under overload, eventually drops) them.
     */
    void receiveRoomAvailable();

    @Override
    void close();

    /** The NIC's receive side. */
    @FunctionalInterface
    interface FrameSink {
        /** Offers a frame to the guest; false when the guest has no receive buffer for it now. */
        boolean offer(byte[] frame, int offset, int length);

        /** The backend has nothing more to offer for now. */
        default void endOfBurst() {
        }
    }
}
