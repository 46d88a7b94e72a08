package dev.jkvm.compare;

import dev.jkvm.config.AccelChoice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reports computed from {@link SyntheticGuest} runs. */
final class Fixtures {
    static final int SIZE = 8;
    static final int RANDOM_READS = 256;
    static final int PACKETS = 256;

    private Fixtures() {}

    static Report disk(Path dir) {
        return run(Comparison.disk(SIZE, RANDOM_READS), dir, new SyntheticGuest());
    }

    static Report net(Path dir) {
        return run(Comparison.net(SIZE, PACKETS), dir, new SyntheticGuest());
    }

    static Report run(Comparison c, Path dir, SyntheticGuest guest) {
        List<String> progress = new ArrayList<>();
        return Report.from(new ComparisonRunner(guest, progress::add).run(c, AccelChoice.TCG, dir));
    }
}
