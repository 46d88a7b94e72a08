package dev.jkvm.compare;

/**
 * Boots the default guest once for a comparison. {@link ChildProcessLauncher} runs `jkvm run` as a child
 * process; tests substitute synthetic guests.
 */
@FunctionalInterface
public interface GuestLauncher {
    /**
     * Runs the request to completion.
     *
     * @throws dev.jkvm.VmmException when the VMM fails, the guest script fails or the outputs are missing,
     *                               with a message naming the model and the cause
     */
    RunResult launch(RunRequest request);
}
