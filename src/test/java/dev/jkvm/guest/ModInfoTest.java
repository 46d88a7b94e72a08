package dev.jkvm.guest;

import dev.jkvm.VmmException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModInfoTest {
    @Test
    void readsNameAndDependsAmongOtherEntries() {
        byte[] elf = SyntheticModule.withModinfo("license=GPL", "alias=pci:v00008086d*", "depends=libata,scsi_mod",
                "name=ata_piix", "vermagic=6.1.0-50-amd64 SMP preempt mod_unload modversions ");

        ModInfo info = ModInfo.parse(elf, "ata_piix.ko");

        assertEquals(Optional.of("ata_piix"), info.name());
        assertEquals(List.of("libata", "scsi_mod"), info.depends());
    }

    @Test
    void emptyDependsMeansNone() {
        assertEquals(List.of(), ModInfo.parse(SyntheticModule.withModinfo("depends=", "name=e1000"), "e1000.ko").depends());
    }

    @Test
    void rejectsWhatIsNotAModuleWithTheFileName() {
        VmmException noSection = assertThrows(VmmException.class,
                () -> ModInfo.parse(SyntheticModule.withSection(".text", "code"), "x.ko"));
        assertEquals("x.ko: no .modinfo section", noSection.getMessage());
        VmmException notElf = assertThrows(VmmException.class, () -> ModInfo.parse("hello".repeat(20).getBytes(), "y.ko"));
        assertEquals("y.ko: not an ELF file", notElf.getMessage());
        byte[] truncated = Arrays.copyOf(SyntheticModule.withModinfo("depends="), 80);
        VmmException cut = assertThrows(VmmException.class, () -> ModInfo.parse(truncated, "z.ko"));
        assertEquals("z.ko: truncated or malformed ELF", cut.getMessage());
    }

    @Test
    void readsARealModuleFromTheBuiltGuest() throws IOException {
        Optional<GuestCache.DefaultGuest> guest = BuiltGuest.find();
        // Optional: the synthetic modules above cover the parsing; this checks it against Debian's real ones.
        Assumptions.assumeTrue(guest.isPresent(), "no default guest is built (jkvm guest build) to read real modules from");
        Map<String, CpioNewcReader.Entry> initramfs = CpioNewcReader.readGzip(guest.get().initramfs());

        ModInfo ataPiix = ModInfo.parse(initramfs.get("lib/modules/ata_piix.ko").data(), "ata_piix.ko");

        assertEquals(Optional.of("ata_piix"), ataPiix.name());
        assertTrue(ataPiix.depends().contains("libata"), ataPiix.toString());
        assertTrue(Files.size(guest.get().kernel()) > 1_000_000);
    }
}
