package dev.jkvm.compare;

import java.util.List;
import java.util.Locale;

/** What `jkvm compare` compares, and with which workload parameters. */
public record Comparison(Kind kind, int sizeMib, int randomReads, int packets) {
    public enum Kind {
        DISK,
        NET;

        /** The models compared, in the order they run (DeviceModel's declaration order). */
        public List<DeviceModel> models() {
            return java.util.Arrays.stream(DeviceModel.values()).filter(m -> m.kind() == this).toList();
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_SIZE_MIB = 8;
    public static final int DEFAULT_PACKETS = 256;
    /** Random 4 KiB reads per MiB of --size when --random-reads is not given. */
    public static final int RANDOM_READS_PER_MIB = 32;

    public Comparison {
        if (sizeMib < 1 || sizeMib > 4096) throw new IllegalArgumentException("size " + sizeMib + " MiB: expected 1 to 4096");
        if (randomReads < 0 || randomReads > 1_000_000) throw new IllegalArgumentException("random reads " + randomReads + ": expected 0 to 1000000");
        if (packets < 0 || packets > 1_000_000) throw new IllegalArgumentException("packets " + packets + ": expected 0 to 1000000");
    }

    public static Comparison disk(int sizeMib, int randomReads) {
        return new Comparison(Kind.DISK, sizeMib, randomReads, 0);
    }

    public static Comparison net(int sizeMib, int packets) {
        return new Comparison(Kind.NET, sizeMib, 0, packets);
    }

    public List<DeviceModel> models() {
        return kind.models();
    }

    /** The fresh raw disk image's size: twice the workload plus 4 MiB, so random reads also land beyond the written part. */
    public long diskImageBytes() {
        return (2L * sizeMib + 4) << 20;
    }

    /** One line describing the workload, for the table's header. */
    public String describe() {
        return switch (kind) {
            case DISK -> sizeMib + " MiB sequential read + " + sizeMib + " MiB sequential write (1 MiB blocks, O_DIRECT), "
                    + randomReads + " random 4 KiB reads (O_DIRECT)";
            case NET -> sizeMib + " MiB sent to 10.0.2.2:9 (TCP sink) + " + sizeMib + " MiB received from 10.0.2.2:19 (TCP source), "
                    + packets + " ICMP echo round trips with 10.0.2.2";
        };
    }
}
