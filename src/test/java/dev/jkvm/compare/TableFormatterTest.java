package dev.jkvm.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFormatterTest {
    @TempDir
    Path dir;

    @Test
    void diskTableHasARowPerModelAndTheSentences() {
        String text = TableFormatter.format(Fixtures.disk(dir));
        System.out.println("SYNTHETIC disk table (SyntheticGuest fixtures, not a measurement):\n" + text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.getFirst().startsWith("jkvm compare disk (accelerator: tcg)"), lines.getFirst());
        int header = indexOf(lines, "model ");
        assertTrue(lines.get(header).contains("exits/MiB") && lines.get(header).contains("exits/req"), lines.get(header));
        assertTrue(lines.get(header + 1).startsWith("ide-pio "));
        assertTrue(lines.get(header + 2).startsWith("ide-dma "));
        assertTrue(lines.get(header + 3).startsWith("virtio-blk "));
        assertTrue(lines.get(header + 2).contains(" 542 "), "9216 exits / 17 MiB: " + lines.get(header + 2));
        assertTrue(lines.get(header + 2).contains(" 32.0 "), "per request: " + lines.get(header + 2));
        assertTrue(text.contains("ide-dma: 38% of exits are"), text);
        assertTrue(text.contains("\nvirtio-blk: "), text);
        assertTrue(text.contains("ATA status read"), text);
    }

    @Test
    void columnsLineUp() {
        String text = TableFormatter.format(Fixtures.net(dir));
        List<String> lines = text.lines().toList();
        int header = indexOf(lines, "model ");
        String h = lines.get(header);
        int exitsEnd = h.indexOf("exits/MiB") + "exits/MiB".length();
        for (int i = header + 1; i <= header + 2; i++) {
            String row = lines.get(i);
            assertTrue(row.length() >= exitsEnd, row);
            assertTrue(Character.isDigit(row.charAt(exitsEnd - 1)), "right-aligned numbers end under their header: \n" + h + "\n" + row);
            assertTrue(exitsEnd == row.length() || row.charAt(exitsEnd) == ' ', row);
        }
        assertTrue(h.contains("packets") && h.contains("tx MiB/s") && h.contains("pings/s"), h);
    }

    @Test
    void numbersAreShortAndMissingOnesAreDashes() {
        assertEquals("12,345", TableFormatter.num(12345.4));
        assertEquals("542", TableFormatter.num(542.1));
        assertEquals("48.0", TableFormatter.num(48));
        assertEquals("3.00", TableFormatter.num(3));
        assertEquals("-", TableFormatter.num(Double.NaN));
        assertEquals("0", TableFormatter.num(0));
    }

    @Test
    void tableRendersAlignedCells() {
        TableFormatter.Table t = new TableFormatter.Table("model", "n");
        t.row("a", "1");
        t.row("bbbbbb", "1,000");
        assertEquals("model       n\na           1\nbbbbbb  1,000\n", t.render());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no line starts with " + prefix + " in\n" + String.join("\n", lines));
    }
}
