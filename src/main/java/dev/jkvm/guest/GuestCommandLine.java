package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The kernel parameter that tells the default guest's /init to run one command: jkvm.run=&lt;hex of the
 * command's UTF-8 bytes&gt;. Hex needs no quoting on the kernel command line, so any command survives.
 */
public final class GuestCommandLine {
    public static final String RUN_PARAMETER = "jkvm.run";
    /** Leaves room for jkvm's own parameters within the kernel's 2048-byte command line. */
    public static final int MAX_COMMAND_BYTES = 800;

    private GuestCommandLine() {}

    /** The kernel parameter for running command in the default guest, e.g. "jkvm.run=756e616d65202d61" for "uname -a". */
    public static String encodeRun(String command) {
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_COMMAND_BYTES) {
            throw new VmmException("--run: the command is " + bytes.length + " bytes; at most " + MAX_COMMAND_BYTES
                    + " fit on the kernel command line (put longer scripts on a disk)");
        }
        return RUN_PARAMETER + "=" + HexFormat.of().formatHex(bytes);
    }
}
