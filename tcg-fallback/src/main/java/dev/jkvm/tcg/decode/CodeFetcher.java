package dev.jkvm.tcg.decode;

/** Supplies instruction bytes relative to the instruction start; may raise a fetch fault. */
@FunctionalInterface
public interface CodeFetcher {
    int fetch(int offset);
}
