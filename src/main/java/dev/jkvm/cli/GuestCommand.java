package dev.jkvm.cli;

import dev.jkvm.guest.DebianPackages;
import dev.jkvm.guest.GuestBuilder;
import dev.jkvm.guest.GuestCache;
import dev.jkvm.guest.GuestCache.DefaultGuest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;

@Command(name = "guest",
        mixinStandardHelpOptions = true,
        description = "The default guest `jkvm run` boots: Debian's kernel, the drivers for jkvm's devices, busybox "
                + "and jkvm's init, kept in $JKVM_CACHE/guest (default ~/.cache/jkvm/guest).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  jkvm guest build           build it from Debian's current packages",
                "  jkvm guest build --force   rebuild it even when it is up to date",
                "  jkvm guest path            print the kernel's and the initramfs's paths"})
public final class GuestCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                    "Build the default guest from Debian packages, without root: the kernel of linux-image-amd64, "
                            + "its modules for IDE, e1000 and virtio, busybox-static, and jkvm's /init.",
                    "Does nothing when the current guest was built from the same package versions."},
            footerHeading = "%nExamples:%n",
            footer = {"  jkvm guest build", "  jkvm guest build --force --work-dir /var/tmp", "  JKVM_CACHE=/srv/jkvm jkvm guest build"})
    int build(@Option(names = "--force", description = "Rebuild even when the guest is up to date. Example: --force")
              boolean force,
              @Option(names = "--work-dir", paramLabel = "DIR",
                      description = "Where to download and unpack the packages (about 500 MB, deleted afterwards; "
                              + "default: the temp directory). Example: --work-dir /var/tmp")
              Path workDir,
              @Option(names = {"-v", "--verbose"}, description = "Log debug detail to stderr. Example: -v")
              boolean verbose) throws IOException {
        Logging.setVerbose(verbose);
        Path workParent = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        new GuestBuilder(GuestCache.fromEnvironment(), DebianPackages.fromEnvironment(), workParent).build(force);
        return ExitStatus.OK;
    }

    @Command(name = "path",
            mixinStandardHelpOptions = true,
            description = "Print the current default guest's kernel path, then its initramfs path, one per line.",
            footerHeading = "%nExamples:%n",
            footer = {"  jkvm guest path",
                    "  set -- $(jkvm guest path); qemu-system-x86_64 -kernel $1 -initrd $2 ..."})
    int path() {
        DefaultGuest guest = GuestCache.fromEnvironment().current();
        spec.commandLine().getOut().println(guest.kernel());
        spec.commandLine().getOut().println(guest.initramfs());
        return ExitStatus.OK;
    }
}
