package dev.jkvm.config;

import dev.jkvm.VmmException;

import java.nio.file.Path;
import java.util.Optional;

/** --console stdio|file:PATH|none. */
public record ConsoleSpec(Kind kind, Optional<Path> file) {
    public enum Kind { STDIO, FILE, NONE }

    public static ConsoleSpec parse(String spec) {
        if (spec.equals("stdio")) return new ConsoleSpec(Kind.STDIO, Optional.empty());
        if (spec.equals("none")) return new ConsoleSpec(Kind.NONE, Optional.empty());
        if (spec.startsWith("file:") && spec.length() > 5) return new ConsoleSpec(Kind.FILE, Optional.of(Path.of(spec.substring(5))));
        throw new VmmException("--console '" + spec + "': expected stdio, file:PATH or none");
    }
}
