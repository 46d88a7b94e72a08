package dev.jkvm.guest;

import dev.jkvm.VmmException;
import dev.jkvm.testing.Requirements;

import java.util.Optional;

/** The default guest in the user's cache, for tests that use a real one. */
public final class BuiltGuest {
    private BuiltGuest() {}

    public static Optional<GuestCache.DefaultGuest> find() {
        try {
            return Optional.of(GuestCache.fromEnvironment().current());
        } catch (VmmException notBuilt) {
            return Optional.empty();
        }
    }

    /** The default guest, or a skip naming it (a failure under CI=true). */
    public static GuestCache.DefaultGuest require() {
        Optional<GuestCache.DefaultGuest> guest = find();
        Requirements.require(guest.isPresent(), "the default guest (make guest)");
        return guest.orElseThrow();
    }
}
