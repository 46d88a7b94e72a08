package dev.jkvm.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {
    @TempDir
    Path dir;

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document doc, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute("class").equals(cls)) out.add(e);
        }
        return out;
    }

    @Test
    void oneBarPerDeviceStackedByRegister() throws Exception {
        Report report = Fixtures.disk(dir);
        String svg = SvgChart.render(report);
        Files.writeString(dir.resolve("disk.svg"), svg);
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<Element> bars = byClass(doc, "g", "bar");
        assertEquals(List.of("ide-pio", "ide-dma", "virtio-blk"), bars.stream().map(b -> b.getAttribute("data-device")).toList());
        for (Element bar : bars) {
            NodeList rects = bar.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
            assertTrue(rects.getLength() >= 2, bar.getAttribute("data-device") + " has " + rects.getLength() + " segments");
            double x = -1;
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                double rx = Double.parseDouble(r.getAttribute("x"));
                assertTrue(rx >= x - 0.02, "segments are stacked left to right");
                x = rx + Double.parseDouble(r.getAttribute("width"));
                assertTrue(!r.getAttribute("data-register").isEmpty());
            }
        }
        List<Element> totals = byClass(doc, "text", "total");
        assertEquals(3, totals.size());
        assertTrue(totals.get(1).getTextContent().equals("542 exits/MiB"), totals.get(1).getTextContent());
        assertEquals(1, byClass(doc, "g", "legend").size());
        assertTrue(svg.contains("log scale"), "IDE PIO and virtio-blk differ by far more than 20x");
        assertTrue(byClass(doc, "text", "title").getFirst().getTextContent().contains("exits per MiB by device, stacked by register"));
    }

    @Test
    void segmentsAddUpToTheExitsPerMib() {
        Report report = Fixtures.disk(dir);
        for (Report.DeviceReport d : report.devices()) {
            double sum = SvgChart.segments(d).stream().mapToDouble(SvgChart.Segment::value).sum();
            assertEquals(d.exitsPerMib(), sum, d.exitsPerMib() * 1e-9, d.model().id());
            assertTrue(SvgChart.segments(d).size() <= SvgChart.TOP_REGISTERS + 2);
        }
    }

    @Test
    void netChartUsesALinearScaleWhenBarsAreComparable() throws Exception {
        Report report = Fixtures.net(dir);
        String svg = SvgChart.render(report);
        Document doc = parse(svg);
        assertEquals(2, byClass(doc, "g", "bar").size());
        boolean log = report.device(DeviceModel.E1000).exitsPerMib() / report.device(DeviceModel.VIRTIO_NET).exitsPerMib() > 20;
        assertEquals(log, svg.contains("log scale"));
    }

    @Test
    void niceAxis() {
        assertEquals(600, SvgChart.niceCeiling(542));
        assertEquals(250, SvgChart.niceCeiling(201));
        assertEquals(12, SvgChart.niceCeiling(10.5));
        assertEquals(List.of(0.0, 1.0, 10.0, 100.0), SvgChart.ticks(100, true));
    }
}
