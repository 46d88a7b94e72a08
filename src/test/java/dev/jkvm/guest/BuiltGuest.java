package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.util.Optional;

/** The default guest in the user's cache, for tests that can use a real one when it is there. */
final class BuiltGuest {
    private BuiltGuest() {}

    static Optional<GuestCache.DefaultGuest> find() {
        try {
            return Optional.of(GuestCache.fromEnvironment().current());
        } catch (VmmException notBuilt) {
            return Optional.empty();
        }
    }
}
