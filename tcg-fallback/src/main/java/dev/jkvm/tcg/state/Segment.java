package dev.jkvm.tcg.state;

/** Segment register numbers, in the order of the ModRM sreg encoding. */
public final class Segment {
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    public static final int COUNT = 6;

    private Segment() {}
}
