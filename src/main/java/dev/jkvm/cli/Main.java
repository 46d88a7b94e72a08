package dev.jkvm.cli;

import dev.jkvm.VmmException;
import dev.jkvm.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Entry point of bin/jkvm. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the process exit status. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new JkvmCommand());
        cli.setExecutionExceptionHandler(Main::report);
        return cli.execute(args);
    }

    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String message = switch (e) {
            case VmmException v -> v.getMessage();
            case NativeException n -> n.getMessage();
            case UncheckedIOException io -> describe(io.getCause());
            case IOException io -> describe(io);
            default -> "internal error: " + e;
        };
        cli.getErr().println("jkvm: " + message);
        log.debug("failure detail", e);
        return ExitStatus.VMM_ERROR;
    }

    private static String describe(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> n.getFile() + ": no such file";
            case java.nio.file.AccessDeniedException a -> a.getFile() + ": permission denied";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
