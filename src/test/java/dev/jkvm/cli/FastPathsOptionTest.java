package dev.jkvm.cli;

import dev.jkvm.VmmException;
import dev.jkvm.config.FastPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --fast-paths and the --no-* switches, as `jkvm run` parses them into the VM's configuration. */
class FastPathsOptionTest {
    private static FastPaths parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.config().fastPaths();
    }

    @Test
    void allByDefault() {
        assertEquals(FastPaths.ALL, parse());
    }

    @Test
    void theListSelects() {
        assertEquals(FastPaths.NONE, parse("--fast-paths=none"));
        assertEquals(new FastPaths(true, true, false), parse("--fast-paths=ioeventfd,irqfd"));
        assertEquals(new FastPaths(false, false, true), parse("--fast-paths", "coalesced-mmio"));
    }

    @Test
    void switchesTurnOneOff() {
        assertEquals(new FastPaths(false, true, true), parse("--no-ioeventfd"));
        assertEquals(new FastPaths(true, false, true), parse("--no-irqfd"));
        assertEquals(new FastPaths(true, true, false), parse("--no-coalesced-mmio"));
        assertEquals(new FastPaths(false, true, false), parse("--fast-paths=ioeventfd,irqfd", "--no-ioeventfd"));
    }

    @Test
    void unknownFastPathIsAUserError() {
        assertThrows(VmmException.class, () -> parse("--fast-paths=vhost"));
    }
}
