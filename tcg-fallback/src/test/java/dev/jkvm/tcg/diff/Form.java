package dev.jkvm.tcg.diff;

import java.util.function.Consumer;

/**
 * One instruction form under test: a name and a generator that, given a randomized
 * {@link CaseBuilder}, constrains what must be constrained, emits the encoding, and declares the
 * flags the SDM leaves undefined for that input.
 */
record Form(String name, Consumer<CaseBuilder> generator, boolean x87) {
    Form(String name, Consumer<CaseBuilder> generator) {
        this(name, generator, false);
    }
}
