package dev.jkvm.tcg;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * CPUID answers. Vendor AuthenticAMD, family 15 model 107 (a K8, QEMU's "qemu64" signature): a
 * part whose native feature set is the x86-64 baseline this CPU implements, and a vendor Linux and
 * glibc take known paths for (AMD cache leaves 0x80000005/6 instead of Intel leaf 2/4).
 */
public final class CpuidTable {
    private static final int MAX_BASIC_LEAF = 0xb;
    private static final int MAX_EXTENDED_LEAF = 0x80000008;
    private static final int SIGNATURE = 0x00060fb1; // family 0xF, extended model 6, model 0xB, stepping 1
    private static final String VENDOR = "AuthenticAMD";
    private static final String BRAND = "jkvm software x86-64 CPU";

    private final Set<CpuFeature> features;
    private final int apicId;
    private final int cpuCount;

    public CpuidTable(Set<CpuFeature> features, int apicId) {
        this(features, apicId, 1);
    }

    /**
     * features for one vCPU with the given initial APIC ID, in a machine of cpuCount vCPUs
     * (APIC IDs 0..cpuCount-1, presented as cores of one package).
     */
    public CpuidTable(Set<CpuFeature> features, int apicId, int cpuCount) {
        if (cpuCount < 1 || cpuCount > 255 || apicId < 0 || apicId > 255) throw new IllegalArgumentException("apicId/cpuCount");
        this.features = Set.copyOf(features);
        this.apicId = apicId;
        this.cpuCount = cpuCount;
    }

    /** The features marked implemented in {@link CpuFeature}. */
    public static CpuidTable implemented(int apicId) {
        return new CpuidTable(implementedFeatures(), apicId, 1);
    }

    /** The table for vCPU apicId of a machine with cpuCount vCPUs (each vCPU needs its own). */
    public static CpuidTable forVcpu(int apicId, int cpuCount) {
        return new CpuidTable(implementedFeatures(), apicId, cpuCount);
    }

    public static java.util.EnumSet<CpuFeature> implementedFeatures() {
        var set = java.util.EnumSet.noneOf(CpuFeature.class);
        for (CpuFeature f : CpuFeature.values()) if (f.implemented) set.add(f);
        return set;
    }

    public int apicId() {
        return apicId;
    }

    public int cpuCount() {
        return cpuCount;
    }

    /** Bits of the APIC ID that number the cores of the package. */
    private int coreBits() {
        int bits = 0;
        while ((1 << bits) < cpuCount) bits++;
        return bits;
    }

    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /** EAX, EBX, ECX, EDX for the leaf and subleaf. Leaves beyond the maximum return zeros. */
    public int[] query(int leaf, int subleaf) {
        int[] r = new int[4];
        switch (leaf) {
            case 0 -> {
                r[0] = MAX_BASIC_LEAF;
                putVendor(r);
            }
            case 1 -> {
                r[0] = SIGNATURE;
                r[1] = (8 << 8) | (cpuCount << 16) | (apicId << 24); // CLFLUSH line 8 qwords, logical CPUs, APIC ID
                if (cpuCount > 1) r[3] |= 1 << 28; // HTT: EBX[23:16] is valid
            }
            case 0xb -> {
                // x2APIC topology: level 0 SMT (one thread per core), level 1 core
                int level = subleaf & 0xff;
                if (level == 0) {
                    r[0] = 0;
                    r[1] = 1;
                    r[2] = (1 << 8) | level;
                } else if (level == 1) {
                    r[0] = coreBits();
                    r[1] = cpuCount;
                    r[2] = (2 << 8) | level;
                } else {
                    r[2] = level;
                }
                r[3] = apicId;
            }
            case 0x80000000 -> {
                r[0] = MAX_EXTENDED_LEAF;
                putVendor(r);
            }
            case 0x80000001 -> {
                r[0] = SIGNATURE;
                if (cpuCount > 1) r[2] |= 1 << 1; // CMP_LEGACY: HTT counts cores, not threads
            }
            case 0x80000002, 0x80000003, 0x80000004 -> putBrand(r, leaf - 0x80000002);
            case 0x80000005 -> {
                int l1 = (64 << 24) | (2 << 16) | (1 << 8) | 64; // 64 KiB, 2-way, 64-byte lines
                r[2] = l1;
                r[3] = l1;
            }
            case 0x80000006 -> r[2] = (512 << 16) | (0x8 << 12) | (1 << 8) | 64; // 512 KiB, 16-way
            case 0x80000008 -> {
                r[0] = 40 | (48 << 8); // physical and linear address bits
                r[2] = (cpuCount - 1) | (coreBits() << 12); // cores per package - 1, APIC ID core bits
            }
            default -> { }
        }
        for (CpuFeature f : features) {
            if (f.leaf == leaf) r[f.register.ordinal()] |= 1 << f.bit;
        }
        return r;
    }

    private static void putVendor(int[] r) {
        byte[] v = VENDOR.getBytes(StandardCharsets.US_ASCII);
        r[1] = word(v, 0);
        r[3] = word(v, 4);
        r[2] = word(v, 8);
    }

    private static void putBrand(int[] r, int part) {
        byte[] brand = java.util.Arrays.copyOf(BRAND.getBytes(StandardCharsets.US_ASCII), 48);
        for (int i = 0; i < 4; i++) r[i] = word(brand, part * 16 + i * 4);
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
