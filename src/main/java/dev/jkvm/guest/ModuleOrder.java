package dev.jkvm.guest;

import dev.jkvm.VmmException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.function.Function;

/** The order to load kernel modules in: every module after the modules it depends on. */
public final class ModuleOrder {
    private ModuleOrder() {}

    /**
     * The wanted modules and everything they depend on, dependencies first. The order is stable:
     * wanted modules in the given order, each one's dependencies in the order its depends= lists them.
     *
     * @param dependsOn a module's direct dependencies
     */
    public static List<String> resolve(List<String> wanted, Function<String, List<String>> dependsOn) {
        SequencedSet<String> ordered = new LinkedHashSet<>();
        for (String module : wanted) visit(module, dependsOn, ordered, new ArrayList<>());
        return List.copyOf(ordered);
    }

    private static void visit(String module, Function<String, List<String>> dependsOn,
                              SequencedSet<String> ordered, List<String> path) {
        if (ordered.contains(module)) return;
        if (path.contains(module)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(module), path.size()));
            cycle.add(module);
            throw new VmmException("kernel modules depend on each other in a cycle: " + String.join(" -> ", cycle));
        }
        path.add(module);
        for (String dependency : dependsOn.apply(module)) visit(dependency, dependsOn, ordered, path);
        path.removeLast();
        ordered.add(module);
    }
}
