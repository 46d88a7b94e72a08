package dev.jkvm.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest side of a comparison: the busybox sh script `jkvm run --run` gives the default guest, and the
 * parser of the marker lines it prints on the console.
 *
 * <p>Every marker line is {@code JKVM-CMP <what> <args>}:
 * <ul>
 *   <li>{@code JKVM-CMP begin|end <phase> <uptime>}: a phase's start and end in guest seconds from
 *       /proc/uptime (10 ms resolution; under the software CPU it is the guest's virtual time);</li>
 *   <li>{@code JKVM-CMP stat 0|1 <fields>}: /sys/block/DEV/stat before (0) and after (1) the workload; reads
 *       completed + writes completed between them are the disk requests, sectors the bytes moved;</li>
 *   <li>{@code JKVM-CMP net 0|1 <rx_packets> <tx_packets> <rx_bytes> <tx_bytes>}: eth0's counters;</li>
 *   <li>net phases use the user-mode peer's services (devices.net.UserNetwork): the sink on TCP port 9, which
 *       answers one line when the guest closes its side; the source on TCP port 19, asked for exactly N bytes by a
 *       first line "N"; and ICMP echo;</li>
 *   <li>{@code JKVM-CMP warn <text>}, {@code JKVM-CMP missing <dev>} and finally {@code JKVM-CMP end <0|1>}.</li>
 * </ul>
 * The null variant (the baseline run whose counts are subtracted) prints the same markers around empty
 * phases, after the same setup, so console and setup exits cancel out.
 *
 * <p>The script must stay within {@link dev.jkvm.guest.GuestCommandLine#MAX_COMMAND_BYTES}: it travels hex-encoded
 * on the kernel command line.
 */
public final class Workload {
    public static final String MARKER = "JKVM-CMP";

    public static final String PHASE_SEQ_READ = "seq-read";
    public static final String PHASE_SEQ_WRITE = "seq-write";
    public static final String PHASE_RAND_READ = "rand-read";
    public static final String PHASE_TX = "tx";
    public static final String PHASE_RX = "rx";
    public static final String PHASE_PING = "ping";

    /** The user-mode network peer's address and its TCP services (discard-style sink, chargen-style source). */
    public static final String PEER = "10.0.2.2";
    public static final int SINK_PORT = 9;
    public static final int SOURCE_PORT = 19;

    private Workload() {}

    private static final String MARK = "m(){ read u x</proc/uptime;echo " + MARKER + " $1 $2 $u;}\n";

    /** The script of the measured run ({@code nullPhase = false}) or of the baseline run. */
    public static String script(Comparison c, DeviceModel model, boolean nullPhase) {
        if (model.kind() != c.kind()) throw new IllegalArgumentException(model.id() + " is not a " + c.kind().id() + " model");
        return switch (c.kind()) {
            case DISK -> diskScript(c, model.guestDevice(), nullPhase);
            case NET -> netScript(c, model.guestDevice(), nullPhase);
        };
    }

    static String diskScript(Comparison c, String dev, boolean nullPhase) {
        long blocks = c.diskImageBytes() / 4096;
        StringBuilder s = new StringBuilder();
        s.append("d=").append(dev).append(" n=").append(c.sizeMib()).append(" r=").append(c.randomReads())
                .append(" b=").append(blocks).append(" f=0\n");
        s.append(MARK);
        s.append("s(){ echo ").append(MARKER).append(" stat $1 $(cat /sys/block/$d/stat);}\n");
        s.append("[ -b /dev/$d ]||{ echo ").append(MARKER).append(" missing $d;exit 3;}\n");
        s.append("s 0\n");
        phase(s, PHASE_SEQ_READ, nullPhase, "dd if=/dev/$d of=/dev/null bs=1M count=$n iflag=direct 2>/dev/null||f=1");
        phase(s, PHASE_SEQ_WRITE, nullPhase, "dd if=/dev/zero of=/dev/$d bs=1M count=$n oflag=direct conv=notrunc 2>/dev/null||f=1");
        phase(s, PHASE_RAND_READ, nullPhase, "i=0;while [ $i -lt $r ];do dd if=/dev/$d of=/dev/null bs=4k count=1 "
                + "skip=$(( (RANDOM*32768+RANDOM)%b )) iflag=direct 2>/dev/null||f=1;i=$((i+1));done");
        s.append("s 1;echo ").append(MARKER).append(" end $f;exit $f\n");
        return s.toString();
    }

    static String netScript(Comparison c, String dev, boolean nullPhase) {
        StringBuilder s = new StringBuilder();
        s.append("n=").append(c.sizeMib()).append(" p=").append(c.packets()).append(" f=0 e=/sys/class/net/").append(dev).append('\n');
        s.append(MARK);
        s.append("s(){ cd $e/statistics;echo ").append(MARKER).append(" net $1 $(cat rx_packets tx_packets rx_bytes tx_bytes);cd /;}\n");
        s.append("[ -d $e ]||{ echo ").append(MARKER).append(" missing ").append(dev).append(";exit 3;}\n");
        s.append("ip addr add 10.0.2.15/24 dev ").append(dev).append(";ip link set ").append(dev).append(" up\n");
        s.append("i=0;while [ \"$(cat $e/carrier 2>/dev/null)\" != 1 ]&&[ $i -lt 100 ];do sleep 0.1;i=$((i+1));done\n");
        s.append("s 0\n");
        // The sink answers "BYTES MD5" when the guest closes its side; the source sends exactly the bytes asked for.
        phase(s, PHASE_TX, nullPhase, "dd if=/dev/zero bs=1M count=$n 2>/dev/null|nc " + PEER + " " + SINK_PORT + " >/dev/null||f=1");
        phase(s, PHASE_RX, nullPhase, "echo $((n*1048576))|nc " + PEER + " " + SOURCE_PORT
                + "|dd of=/dev/null bs=1M count=$n iflag=fullblock 2>/dev/null||f=1");
        // A peer that does not answer ICMP costs the packet phase, not the comparison.
        phase(s, PHASE_PING, nullPhase || c.packets() == 0, "ping -c $p -A -q -W 5 -w 120 " + PEER + " >/dev/null||echo "
                + MARKER + " warn ping");
        s.append("s 1;echo ").append(MARKER).append(" end $f;exit $f\n");
        return s.toString();
    }

    private static void phase(StringBuilder s, String name, boolean empty, String command) {
        s.append("m begin ").append(name).append(';');
        if (!empty) s.append(command).append(';');
        s.append("m end ").append(name).append('\n');
    }

    /** A phase's guest-side start and end, in seconds of guest uptime. */
    public record Phase(double begin, double end) {
        public double seconds() {
            return Math.max(0, end - begin);
        }
    }

    /** What the guest printed. */
    public record Log(Map<String, Phase> phases, Optional<long[]> before, Optional<long[]> after, OptionalInt status,
                      List<String> warnings, Optional<String> missingDevice) {
        /** Disk: reads completed + writes completed between the two /sys/block stat lines. */
        public OptionalLongValue diskRequests() {
            if (before.isEmpty() || after.isEmpty() || before.get().length < 7 || after.get().length < 7) return OptionalLongValue.EMPTY;
            long[] b = before.get(), a = after.get();
            return OptionalLongValue.of((a[0] - b[0]) + (a[4] - b[4]));
        }

        /** Disk: bytes read + written between the two stat lines (sectors are 512 bytes in this file). */
        public OptionalLongValue diskBytes() {
            if (before.isEmpty() || after.isEmpty() || before.get().length < 7 || after.get().length < 7) return OptionalLongValue.EMPTY;
            long[] b = before.get(), a = after.get();
            return OptionalLongValue.of(((a[2] - b[2]) + (a[6] - b[6])) * 512);
        }

        /** Net: packets received + sent between the two counter lines. */
        public OptionalLongValue netPackets() {
            if (before.isEmpty() || after.isEmpty() || before.get().length < 4 || after.get().length < 4) return OptionalLongValue.EMPTY;
            long[] b = before.get(), a = after.get();
            return OptionalLongValue.of((a[0] - b[0]) + (a[1] - b[1]));
        }

        /** Net: bytes received + sent (Ethernet frames) between the two counter lines. */
        public OptionalLongValue netBytes() {
            if (before.isEmpty() || after.isEmpty() || before.get().length < 4 || after.get().length < 4) return OptionalLongValue.EMPTY;
            long[] b = before.get(), a = after.get();
            return OptionalLongValue.of((a[2] - b[2]) + (a[3] - b[3]));
        }

        public Optional<Phase> phase(String name) {
            return Optional.ofNullable(phases.get(name));
        }
    }

    /** A long that may be absent (OptionalLong without the ceremony of a stream type). */
    public record OptionalLongValue(boolean present, long value) {
        static final OptionalLongValue EMPTY = new OptionalLongValue(false, 0);

        static OptionalLongValue of(long v) {
            return new OptionalLongValue(true, v);
        }

        public long orElse(long other) {
            return present ? value : other;
        }
    }

    private static final Pattern LINE = Pattern.compile(MARKER + " (\\S+)(?: (.*))?");

    /** Parses the console text of a run. Lines without markers (kernel messages, the command's output) are ignored. */
    public static Log parse(String console) {
        Map<String, Double> begins = new LinkedHashMap<>();
        Map<String, Phase> phases = new LinkedHashMap<>();
        long[] before = null, after = null;
        Integer status = null;
        String missing = null;
        List<String> warnings = new ArrayList<>();
        for (String raw : console.split("\r?\n|\r")) {
            Matcher m = LINE.matcher(raw);
            if (!m.find()) continue;
            String what = m.group(1);
            String[] args = m.group(2) == null ? new String[0] : m.group(2).strip().split("\\s+");
            try {
                switch (what) {
                    case "begin" -> { if (args.length >= 2) begins.put(args[0], Double.parseDouble(args[1])); }
                    case "end" -> {
                        if (args.length == 1) {
                            status = Integer.parseInt(args[0]);
                        } else if (args.length >= 2 && begins.containsKey(args[0])) {
                            phases.put(args[0], new Phase(begins.get(args[0]), Double.parseDouble(args[1])));
                        }
                    }
                    case "stat", "net" -> {
                        if (args.length < 2) break;
                        long[] fields = Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray();
                        if (args[0].equals("0")) before = fields;
                        else after = fields;
                    }
                    case "warn" -> warnings.add(String.join(" ", args));
                    case "missing" -> missing = args.length > 0 ? args[0] : "?";
                    default -> { }
                }
            } catch (NumberFormatException e) {
                warnings.add("unreadable marker line: " + raw.strip());
            }
        }
        return new Log(phases, Optional.ofNullable(before), Optional.ofNullable(after),
                status == null ? OptionalInt.empty() : OptionalInt.of(status), warnings, Optional.ofNullable(missing));
    }
}
