package dev.jkvm.boot;

/**
 * A segment register with its hidden descriptor cache, in the terms both KVM's kvm_segment and the
 * software CPU use. {@code type} is the 4-bit descriptor type; {@code s} is 1 for code/data.
 */
public record SegmentState(int selector, long base, long limit, int type, boolean s, int dpl, boolean present,
                           boolean db, boolean l, boolean g) {

    /** Flat 4 GiB code or data for protected and long mode. */
    public static SegmentState flat(int selector, int type, boolean longMode) {
        return new SegmentState(selector, 0, 0xffff_ffffL, type, true, 0, true, !longMode || type < 8, longMode && type >= 8, true);
    }

    /** The 8-byte GDT descriptor for this segment. */
    public long descriptor() {
        long limit20 = g ? limit >>> 12 : limit;
        long d = (limit20 & 0xffff) | ((base & 0xffffff) << 16);
        d |= (long) (type & 0xf) << 40;
        d |= (s ? 1L : 0L) << 44;
        d |= (long) (dpl & 3) << 45;
        d |= (present ? 1L : 0L) << 47;
        d |= ((limit20 >>> 16) & 0xf) << 48;
        d |= (l ? 1L : 0L) << 53;
        d |= (db ? 1L : 0L) << 54;
        d |= (g ? 1L : 0L) << 55;
        d |= ((base >>> 24) & 0xff) << 56;
        return d;
    }

    /** The VMX-style access-rights word: type, S, DPL, P, AVL, L, D/B, G. */
    public int accessRights() {
        return (type & 0xf) | (s ? 1 << 4 : 0) | (dpl & 3) << 5 | (present ? 1 << 7 : 0)
                | (l ? 1 << 13 : 0) | (db ? 1 << 14 : 0) | (g ? 1 << 15 : 0);
    }
}
