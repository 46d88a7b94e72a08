package dev.jkvm.devices.net;

/** A built-in server on a TCP port of the user network's peer; one session per connection. */
interface TcpService {
    Session open();

    /** One connection's application side. Called from the user network's thread only. */
    interface Session {
        /** Bytes from the guest, in order. */
        void received(byte[] data, int offset, int length);

        /** The guest sent FIN: nothing more will arrive. */
        void receiveClosed();

        /** Writes up to {@code max} bytes to send; returns 0 when none are ready yet, -1 once the reply is complete. */
        int produce(byte[] dst, int offset, int max);
    }
}
