package dev.jkvm.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A directory that is deleted with its contents when closed, and also when the JVM ends early (Ctrl-C),
 * so an interrupted build leaves no downloads or half-built guests behind.
 */
final class ScratchDirectory implements AutoCloseable {
    private final Path dir;
    private final Thread deleteOnExit;

    ScratchDirectory(Path dir) {
        this.dir = dir;
        this.deleteOnExit = new Thread(this::stopToolsAndDelete, "delete " + dir);
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    Path path() {
        return dir;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is deleting it
        }
        delete();
    }

    /** On early exit the tools this JVM started (apt-get, dpkg-deb, tar) may still be writing into the directory. */
    private void stopToolsAndDelete() {
        for (ProcessHandle tool : ProcessHandle.current().descendants().toList()) {
            tool.destroyForcibly();
            try {
                tool.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // best effort: delete what can be deleted
            }
        }
        delete();
    }

    private void delete() {
        try {
            GuestCache.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
