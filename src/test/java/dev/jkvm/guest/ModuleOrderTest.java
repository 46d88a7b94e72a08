package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModuleOrderTest {
    @Test
    void dependenciesComeFirstAndSharedOnesOnce() {
        Map<String, List<String>> depends = Map.of(
                "ata_piix", List.of("libata"),
                "libata", List.of("scsi_mod"),
                "scsi_mod", List.of("scsi_common"),
                "scsi_common", List.of(),
                "sd_mod", List.of("scsi_mod", "t10_pi"),
                "t10_pi", List.of(),
                "e1000", List.of());

        List<String> order = ModuleOrder.resolve(List.of("ata_piix", "sd_mod", "e1000"), depends::get);

        assertEquals(List.of("scsi_common", "scsi_mod", "libata", "ata_piix", "t10_pi", "sd_mod", "e1000"), order);
    }

    @Test
    void aCycleIsAnErrorNamingIt() {
        Map<String, List<String>> depends = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("b"));

        VmmException e = assertThrows(VmmException.class, () -> ModuleOrder.resolve(List.of("a"), depends::get));

        assertEquals("kernel modules depend on each other in a cycle: b -> c -> b", e.getMessage());
    }
}
