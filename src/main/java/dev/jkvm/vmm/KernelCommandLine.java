package dev.jkvm.vmm;

import dev.jkvm.guest.GuestCommandLine;

import java.util.Optional;

/** The kernel command line jkvm passes: its platform's needs first, then --run, then --append. */
final class KernelCommandLine {
    /**
     * No ACPI tables (the MP table describes CPUs and IOAPIC), no i8042 ports to probe, a trusted TSC
     * (calibration against the PIT fails under emulation), reboot through the keyboard controller,
     * and a panic resets the VM instead of hanging it.
     */
    static final String PLATFORM = "console=ttyS0 acpi=off reboot=k panic=-1 tsc=reliable no_timer_check "
            + "mitigations=off nokaslr i8042.noaux i8042.nomux i8042.nopnp i8042.nokbd";

    private KernelCommandLine() {}

    static String build(String acceleratorParameters, Optional<String> runCommand, String append, boolean defaultGuest) {
        StringBuilder cmdline = new StringBuilder(PLATFORM);
        if (!acceleratorParameters.isBlank()) cmdline.append(' ').append(acceleratorParameters);
        if (defaultGuest) cmdline.append(" quiet");
        runCommand.ifPresent(cmd -> cmdline.append(' ').append(GuestCommandLine.encodeRun(cmd)));
        if (!append.isBlank()) cmdline.append(' ').append(append.strip());
        return cmdline.toString();
    }
}
