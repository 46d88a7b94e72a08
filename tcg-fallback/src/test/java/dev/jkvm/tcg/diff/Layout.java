package dev.jkvm.tcg.diff;

/** The fixed addresses shared by the native runner and the model (see cpu_diff_runner.c). */
final class Layout {
    static final long DATA_BASE = 0x10000000L;
    static final long CODE_BASE = 0x20000000L;
    static final int PAGE = 4096;

    private Layout() {}
}
