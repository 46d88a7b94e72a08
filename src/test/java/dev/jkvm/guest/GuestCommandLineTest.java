package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The jkvm.run= encoding, decoded by the init's own shell functions on the host's sh and on the guest's busybox. */
class GuestCommandLineTest {
    private static final String OTHER_PARAMETERS = "console=ttyS0 acpi=off quiet";

    @TempDir
    Path dir;

    @Test
    void encodesUtf8BytesAsLowercaseHex() {
        assertEquals("jkvm.run=756e616d65202d61", GuestCommandLine.encodeRun("uname -a"));
        assertEquals("jkvm.run=c3bc", GuestCommandLine.encodeRun("ü"));
    }

    @Test
    void refusesCommandsTooLongForTheKernelCommandLine() {
        GuestCommandLine.encodeRun("x".repeat(GuestCommandLine.MAX_COMMAND_BYTES));

        VmmException e = assertThrows(VmmException.class, () -> GuestCommandLine.encodeRun("x".repeat(GuestCommandLine.MAX_COMMAND_BYTES + 1)));
        assertEquals("--run: the command is 801 bytes; at most 800 fit on the kernel command line (put longer scripts on a disk)",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "uname -a",
            "echo \"it's $HOME\" 'a\\tb' %s %% \\\\ `date` *",
            "printf '%s\\n' one\ntwo\n\tthree",
            "echo grüße ☃ \u0001\u007f",
            ""})
    void initDecodesWhatJkvmEncodes(String command) throws Exception {
        Path cmdline = Files.writeString(dir.resolve("cmdline"),
                "BOOT_IMAGE=x " + OTHER_PARAMETERS + " " + GuestCommandLine.encodeRun(command) + " nokaslr\n");

        for (List<String> shell : shells()) {
            assertEquals(command, initShell(shell, "decode_hex \"$(run_parameter \"$CMDLINE\")\"", cmdline), shell.toString());
        }
    }

    @Test
    void initFindsNoRunParameterWhenThereIsNone() throws Exception {
        Path cmdline = Files.writeString(dir.resolve("cmdline"), OTHER_PARAMETERS + " jkvm.runner=1 *\n");

        for (List<String> shell : shells()) {
            assertEquals("none", initShell(shell, "run_parameter \"$CMDLINE\" || echo none", cmdline), shell.toString());
        }
    }

    @Test
    void initRunsTheCommandAndEndsWithTheExitLine() throws Exception {
        String hex = GuestCommandLine.encodeRun("echo \"a  b\"; printf partial; exit 3").substring("jkvm.run=".length());

        for (List<String> shell : shells()) {
            String console = initShell(shell, "run_command " + hex, dir.resolve("unused"));
            assertEquals("a  b\npartialJKVM-EXIT 3", console, shell.toString());
            assertEquals(java.util.OptionalInt.of(3), GuestConsole.exitStatus(console.lines().toList().getLast()));
        }
    }

    @Test
    void initRejectsMalformedHexWithStatus2() throws Exception {
        for (List<String> shell : shells()) {
            String console = initShell(shell, "run_command 7g", dir.resolve("unused"));
            assertEquals("jkvm-init: jkvm.run= must be hex digits (the UTF-8 bytes of the command)\nJKVM-EXIT 2", console);
        }
    }

    /** The host's /bin/sh, and the guest's busybox sh when a guest is built. */
    private List<List<String>> shells() throws IOException {
        List<List<String>> shells = new ArrayList<>(List.of(List.of("/bin/sh")));
        Optional<GuestCache.DefaultGuest> guest = BuiltGuest.find();
        if (guest.isPresent()) {
            Path busybox = dir.resolve("busybox");
            if (!Files.exists(busybox)) {
                Files.write(busybox, CpioNewcReader.readGzip(guest.get().initramfs()).get("bin/busybox").data());
                Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwx------"));
            }
            shells.add(List.of(busybox.toString(), "sh"));
        } else {
            System.err.println("GuestCommandLineTest: no default guest built; testing the init with the host's /bin/sh only");
        }
        return shells;
    }

    /** Sources the init (as a process other than PID 1 it only defines functions) and runs script; returns stdout. */
    private String initShell(List<String> shell, String script, Path cmdline) throws Exception {
        Path init = dir.resolve("init");
        if (!Files.exists(init)) Files.write(init, InitramfsBuilder.initScript());
        List<String> command = new ArrayList<>(shell);
        command.addAll(List.of("-c", ". \"$INIT\"; " + script));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("INIT", init.toString(), "CMDLINE", cmdline.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
    }
}
