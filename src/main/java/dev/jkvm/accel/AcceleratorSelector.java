package dev.jkvm.accel;

import dev.jkvm.VmmException;
import dev.jkvm.accel.kvm.KvmAccelerator;
import dev.jkvm.accel.tcg.TcgAccelerator;
import dev.jkvm.config.AccelChoice;
import dev.jkvm.kvm.KvmAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns --accel into an accelerator, explaining the choice. */
public final class AcceleratorSelector {
    private static final Logger log = LoggerFactory.getLogger(AcceleratorSelector.class);

    private AcceleratorSelector() {}

    public static Accelerator select(AccelChoice choice) {
        return switch (choice) {
            case KVM -> {
                KvmAvailability kvm = KvmAvailability.probe();
                if (!kvm.usable()) throw new VmmException("--accel kvm: " + kvm.reason());
                yield new KvmAccelerator();
            }
            case TCG -> softwareCpu();
            case AUTO -> {
                KvmAvailability kvm = KvmAvailability.probe();
                if (kvm.usable()) {
                    log.info("accelerator: KVM");
                    yield new KvmAccelerator();
                }
                log.info("accelerator: the software CPU, because {}", kvm.reason());
                yield softwareCpu();
            }
        };
    }

    private static Accelerator softwareCpu() {
        return new TcgAccelerator();
    }
}
