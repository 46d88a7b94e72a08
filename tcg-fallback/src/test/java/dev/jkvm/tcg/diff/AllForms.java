package dev.jkvm.tcg.diff;

import java.util.ArrayList;
import java.util.List;

/** Every instruction form the differential test covers. */
final class AllForms {
    private AllForms() {}

    static List<Form> forms() {
        List<Form> all = new ArrayList<>(IntegerForms.forms());
        all.addAll(SseForms.forms());
        all.addAll(X87Forms.forms());
        return all;
    }
}
