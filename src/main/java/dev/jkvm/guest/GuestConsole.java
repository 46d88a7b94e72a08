package dev.jkvm.guest;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the default guest's /init prints on the console for the VMM: a line JKVM-READY when its devices
 * are ready and, after a jkvm.run= command, a line ending in "JKVM-EXIT &lt;status&gt;" before it resets.
 */
public final class GuestConsole {
    public static final String READY = "JKVM-READY";
    // The command's own unterminated output may precede the marker on its line.
    private static final Pattern EXIT = Pattern.compile("JKVM-EXIT (\\d{1,3})$");

    private GuestConsole() {}

    /** The command's exit status when the console line (without or with its line end) is the init's exit line. */
    public static OptionalInt exitStatus(String line) {
        Matcher matcher = EXIT.matcher(line.stripTrailing());
        if (!matcher.find()) return OptionalInt.empty();
        int status = Integer.parseInt(matcher.group(1));
        return status <= 255 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
