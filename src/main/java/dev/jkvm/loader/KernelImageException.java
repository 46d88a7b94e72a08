package dev.jkvm.loader;

import dev.jkvm.VmmException;

import java.nio.file.Path;

/** A kernel image jkvm cannot boot, with the reason named. */
public class KernelImageException extends VmmException {
    public KernelImageException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
