package dev.jkvm.tcg.sys;

import dev.jkvm.tcg.CpuException;
import dev.jkvm.tcg.mem.Mmu;
import dev.jkvm.tcg.mem.PhysicalMemory;
import dev.jkvm.tcg.mem.RamTlb;
import dev.jkvm.tcg.state.CpuState;

import java.util.Arrays;

/**
 * x86 paging with a soft TLB, one instance per vCPU. Supports 32-bit paging (with CR4.PSE 4 MiB
 * pages, PSE-36 address bits), PAE paging and 4-level paging (2 MiB pages; 1 GiB pages are not
 * advertised, so PS in a PDPTE is a reserved-bit fault). Sets accessed and dirty bits with a
 * compare-and-set on the entry so concurrent walks and guest updates on other vCPUs are not lost;
 * honours NX (EFER.NXE), WP, U/S and global pages (CR4.PGE). MAXPHYADDR is 40 (CPUID 0x80000008).
 *
 * <p>The TLB is direct-mapped on the 4 KiB virtual page number; a large page fills one entry per
 * 4 KiB page touched. Entries hold the frame and the combined permissions of all levels, so hits
 * check U/S, R/W, NX and the dirty state without a walk. A write hit on a clean entry re-walks to
 * set D. A failed check re-walks before faulting (as hardware does: a #PF never comes from a stale
 * entry). Each entry also fills the same slot of a {@link RamTlb}, the loads' and stores' fast path to
 * RAM, which is dropped whenever the entry is.
 */
public final class PagingMmu implements Mmu {
    private static final int TLB_BITS = RamTlb.BITS;
    private static final int TLB_SIZE = 1 << TLB_BITS;

    static final long P = 1, RW = 1 << 1, US = 1 << 2, A = 1 << 5, D = 1 << 6, PS = 1 << 7, G = 1 << 8;
    static final long NX = 1L << 63;
    static final int MAX_PHYSICAL_BITS = 40;
    private static final long ADDRESS_BITS = ((1L << MAX_PHYSICAL_BITS) - 1) & ~0xfffL;
    private static final long HIGH_RESERVED = ~((1L << MAX_PHYSICAL_BITS) - 1) & 0x7fffffffffffffffL & ~(0x7ffL << 52);

    // permission bits of a TLB entry
    private static final int T_WRITE = 1, T_USER = 2, T_NX = 4, T_DIRTY = 8, T_GLOBAL = 16, T_LARGE = 32;

    // #PF error code bits
    public static final int PF_PRESENT = 1, PF_WRITE = 2, PF_USER = 4, PF_RESERVED = 8, PF_FETCH = 16;

    private final PhysicalMemory physical;
    private final RamTlb ram;
    private final long[] tags = new long[TLB_SIZE];
    private final long[] frames = new long[TLB_SIZE];
    private final int[] permissions = new int[TLB_SIZE];
    /** Page-size mask (in 4 KiB page numbers) of the large page each T_LARGE entry came from. */
    private final long[] largeMasks = new long[TLB_SIZE];
    private boolean largeEntries;
    private long epoch, globalEpoch;
    private long walks;

    // scratch for one walk: the entries whose accessed/dirty bits may need setting
    private final long[] walkAddress = new long[5];
    private final long[] walkEntry = new long[5];

    public PagingMmu(PhysicalMemory physical) {
        this.physical = physical;
        this.ram = new RamTlb(physical);
        Arrays.fill(tags, -1L);
    }

    @Override
    public long translationEpoch() {
        return epoch;
    }

    @Override
    public long globalTranslationEpoch() {
        return globalEpoch;
    }

    @Override
    public boolean translatesGlobally(long linear) {
        int i = (int) (linear >>> 12) & (TLB_SIZE - 1);
        return tags[i] == linear >>> 12 && (permissions[i] & T_GLOBAL) != 0;
    }

    @Override
    public RamTlb ramTlb() {
        return ram;
    }

    /** Page walks done (TLB misses plus permission re-checks). */
    public long walks() {
        return walks;
    }

    @Override
    public long translate(long linear, int access, CpuState s) {
        if ((s.cr0 & ControlBits.CR0_PG) == 0) return linear;
        long vpn = linear >>> 12;
        int i = (int) vpn & (TLB_SIZE - 1);
        if (tags[i] == vpn && allowed(permissions[i], access, s)) {
            // A RAM entry reached here was filled for the other privilege (or is MMIO): refill the fast path.
            if (!ram.canRead(i, RamTlb.key(linear, isUser(access, s)))) fillRam(linear, access, s, permissions[i], frames[i]);
            return frames[i] | (linear & 0xfff);
        }
        return walk(linear, access, s, i);
    }

    /** Fills the fast path for the privilege of this access with what the entry allows without a walk. */
    private void fillRam(long linear, int access, CpuState s, int perms, long frame) {
        int supervisor = access & SUPERVISOR;
        ram.fill(linear, isUser(access, s), frame, allowed(perms, READ | supervisor, s), allowed(perms, WRITE | supervisor, s));
    }

    private static boolean isUser(int access, CpuState s) {
        return (access & SUPERVISOR) == 0 && s.cpl == 3;
    }

    private static boolean allowed(int perms, int access, CpuState s) {
        boolean user = isUser(access, s);
        if (user && (perms & T_USER) == 0) return false;
        switch (access & 3) {
            case WRITE -> {
                if ((perms & T_DIRTY) == 0) return false;
                if ((perms & T_WRITE) == 0 && (user || (s.cr0 & ControlBits.CR0_WP) != 0)) return false;
            }
            case EXECUTE -> {
                if ((perms & T_NX) != 0) return false;
            }
            default -> { }
        }
        return true;
    }

    @Override
    public void flushTlb(boolean includingGlobal) {
        epoch++;
        if (includingGlobal) {
            globalEpoch++;
            Arrays.fill(tags, -1L);
            ram.dropAll();
            largeEntries = false;
            return;
        }
        for (int i = 0; i < TLB_SIZE; i++) {
            if ((permissions[i] & T_GLOBAL) == 0) drop(i);
        }
    }

    @Override
    public void invalidatePage(long linear) {
        epoch++;
        globalEpoch++;
        long vpn = linear >>> 12;
        int i = (int) vpn & (TLB_SIZE - 1);
        if (tags[i] == vpn) drop(i);
        if (!largeEntries) return;
        for (int j = 0; j < TLB_SIZE; j++) {
            if ((permissions[j] & T_LARGE) != 0 && tags[j] != -1L && ((tags[j] ^ vpn) & ~largeMasks[j]) == 0) drop(j);
        }
    }

    private void drop(int slot) {
        tags[slot] = -1L;
        ram.drop(slot);
    }

    private CpuException fault(long linear, int access, CpuState s, int bits) {
        int code = bits;
        if ((access & 3) == WRITE) code |= PF_WRITE;
        if (isUser(access, s)) code |= PF_USER;
        if ((access & 3) == EXECUTE && (s.efer & ControlBits.EFER_NXE) != 0 && (s.cr4 & ControlBits.CR4_PAE) != 0) {
            code |= PF_FETCH;
        }
        return CpuException.pageFault(linear, code);
    }

    private long walk(long linear, int access, CpuState s, int slot) {
        walks++;
        drop(slot); // refilled on success; a fault leaves no entry for the address, as on hardware
        boolean nxe = (s.efer & ControlBits.EFER_NXE) != 0;
        int count = 0;
        boolean writable = true, user = true, noExecute = false;
        long frame;
        long pageMask; // bytes - 1
        int entrySize;
        boolean global;
        long leaf;
        if ((s.cr4 & ControlBits.CR4_PAE) != 0) {
            entrySize = 8;
            long table;
            int level;
            long nxReserved = nxe ? 0 : NX;
            if ((s.efer & ControlBits.EFER_LMA) != 0) {
                table = s.cr3 & ADDRESS_BITS;
                level = 4;
            } else {
                long pdpte = physical.read((s.cr3 & 0xffffffe0L) + ((linear >>> 30) & 3) * 8, 8);
                if ((pdpte & P) == 0) throw fault(linear, access, s, 0);
                if ((pdpte & (HIGH_RESERVED | NX | 0x1e6L)) != 0) throw fault(linear, access, s, PF_PRESENT | PF_RESERVED);
                table = pdpte & ADDRESS_BITS;
                level = 2;
            }
            while (true) {
                int shift = 12 + 9 * (level - 1);
                long address = table + ((linear >>> shift) & 511) * 8;
                long e = physical.read(address, 8);
                if ((e & P) == 0) throw fault(linear, access, s, 0);
                boolean large = level > 1 && (e & PS) != 0;
                long reserved = HIGH_RESERVED | nxReserved;
                if (level == 4 || (level == 3 && large)) reserved |= PS; // no 1 GiB pages
                if (large && level == 2) reserved |= 0xff << 13;
                if ((e & reserved) != 0) throw fault(linear, access, s, PF_PRESENT | PF_RESERVED);
                walkAddress[count] = address;
                walkEntry[count++] = e;
                writable &= (e & RW) != 0;
                user &= (e & US) != 0;
                if (nxe && (e & NX) != 0) noExecute = true;
                if (level == 1 || large) {
                    pageMask = (1L << shift) - 1;
                    frame = e & ADDRESS_BITS & ~pageMask;
                    leaf = e;
                    break;
                }
                table = e & ADDRESS_BITS;
                level--;
            }
        } else {
            entrySize = 4;
            long pdeAddress = (s.cr3 & 0xfffff000L) + ((linear >>> 22) & 1023) * 4;
            long pde = physical.read(pdeAddress, 4);
            if ((pde & P) == 0) throw fault(linear, access, s, 0);
            walkAddress[count] = pdeAddress;
            walkEntry[count++] = pde;
            writable = (pde & RW) != 0;
            user = (pde & US) != 0;
            if ((pde & PS) != 0 && (s.cr4 & ControlBits.CR4_PSE) != 0) {
                if ((pde & (1 << 21)) != 0) throw fault(linear, access, s, PF_PRESENT | PF_RESERVED);
                pageMask = (1L << 22) - 1;
                frame = (pde & 0xffc00000L) | (((pde >>> 13) & 0xff) << 32);
                leaf = pde;
            } else {
                long pteAddress = (pde & 0xfffff000L) + ((linear >>> 12) & 1023) * 4;
                long pte = physical.read(pteAddress, 4);
                if ((pte & P) == 0) throw fault(linear, access, s, 0);
                walkAddress[count] = pteAddress;
                walkEntry[count++] = pte;
                writable &= (pte & RW) != 0;
                user &= (pte & US) != 0;
                pageMask = 0xfff;
                frame = pte & 0xfffff000L;
                leaf = pte;
            }
        }
        global = (leaf & G) != 0 && (s.cr4 & ControlBits.CR4_PGE) != 0;
        boolean write = (access & 3) == WRITE;
        int perms = (writable ? T_WRITE : 0) | (user ? T_USER : 0) | (noExecute ? T_NX : 0) | T_DIRTY
                | (global ? T_GLOBAL : 0) | (pageMask > 0xfff ? T_LARGE : 0);
        if (!allowed(perms, access, s)) throw fault(linear, access, s, PF_PRESENT);
        // Commit accessed bits on every level and the dirty bit on the leaf for writes.
        for (int k = 0; k < count; k++) {
            long bits = A | (k == count - 1 && write ? D : 0);
            if ((walkEntry[k] & bits) == bits) continue;
            if (!physical.compareAndSet(walkAddress[k], entrySize, walkEntry[k], walkEntry[k] | bits)) {
                return walk(linear, access, s, slot); // the entry changed under us: walk again
            }
        }
        if (!write && (leaf & D) == 0) perms &= ~T_DIRTY;
        long offsetInPage = linear & pageMask;
        tags[slot] = linear >>> 12;
        frames[slot] = frame + (offsetInPage & ~0xfffL);
        permissions[slot] = perms;
        if (pageMask > 0xfff) {
            largeMasks[slot] = pageMask >>> 12;
            largeEntries = true;
        }
        fillRam(linear, access, s, perms, frames[slot]);
        return frame + offsetInPage;
    }
}
