package dev.jkvm.vmm;

import dev.jkvm.accel.ExitReason;
import dev.jkvm.accel.Vcpu;
import dev.jkvm.devices.bus.AccessCounter;
import dev.jkvm.devices.bus.Bus;
import dev.jkvm.machine.Machine;

import java.util.List;
import java.util.Map;

/** The exit counters of a VM: per vCPU and reason, per device window and register. */
final class ExitStatistics {
    private ExitStatistics() {}

    static String toJson(String accelerator, Machine machine, List<Vcpu> vcpus) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("accelerator").value(accelerator);
        json.name("vcpus").beginArray();
        for (Vcpu v : vcpus) {
            json.beginObject().name("index").value(v.index()).name("exits").value(v.stats().total());
            json.name("reasons").beginObject();
            for (Map.Entry<ExitReason, Long> e : v.stats().snapshot().entrySet()) {
                json.name(e.getKey().name().toLowerCase()).value(e.getValue());
            }
            json.endObject();
            Map<String, Long> counters = v.acceleratorStats();
            if (!counters.isEmpty()) {
                json.name("accelerator_counters").beginObject();
                counters.forEach((name, value) -> json.name(name).value(value));
                json.endObject();
            }
            json.endObject();
        }
        json.endArray();
        json.name("devices").beginArray();
        for (Bus bus : List.of(machine.pio(), machine.mmio())) {
            for (Bus.Window w : bus.windows()) {
                if (w.counter().total() == 0) continue;
                json.beginObject().name("name").value(w.name()).name("bus").value(bus.kind().name().toLowerCase());
                json.name("base").value(w.base()).name("exit_kind").value(w.exitKind().name().toLowerCase());
                json.name("accesses").value(w.counter().total());
                registers(json, w.counter());
                json.endObject();
            }
            if (bus.unclaimed().total() > 0) {
                json.beginObject().name("name").value("unclaimed").name("bus").value(bus.kind().name().toLowerCase());
                json.name("base").value(0).name("exit_kind").value("user_space");
                json.name("accesses").value(bus.unclaimed().total());
                registers(json, bus.unclaimed());
                json.endObject();
            }
        }
        json.endArray();
        return json.endObject().toString() + "\n";
    }

    private static void registers(JsonWriter json, AccessCounter counter) {
        json.name("registers").beginArray();
        for (AccessCounter.Cell c : counter.snapshot().values()) {
            json.beginObject().name("offset").value(c.offset()).name("direction").value(c.direction().name().toLowerCase())
                    .name("size").value(c.size()).name("count").value(c.count()).name("bytes").value(c.bytes())
                    .name("handler_ns").value(c.nanos()).endObject();
        }
        json.endArray();
    }
}
