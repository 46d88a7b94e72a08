package dev.jkvm.tcg.mem;

/** Told when guest memory is written on a page that holds decoded code. */
@FunctionalInterface
public interface CodeWriteListener {
    void codeWritten(long physicalPage);
}
