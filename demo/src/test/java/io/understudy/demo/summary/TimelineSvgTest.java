package io.understudy.demo.summary;

import io.understudy.demo.traffic.Request;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineSvgTest {
    @Test
    void thePictureIsWellFormedSvgWithEveryStepAndBothKindsOfTraffic() throws Exception {
        long kill = DemoSummaryTest.KILL;
        DemoSummary summary = DemoSummary.of(DemoSummaryTest.FACTS, DemoSummaryTest.completedTakeover(),
                DemoSummaryTest.traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4), DemoSummaryTest.invariantsHeld());
        List<Request> requests = new ArrayList<>();
        for (long t = kill - 3_000; t < kill + 8_000; t += 50) {
            boolean ok = t < kill || t > kill + 1_500;
            requests.add(new Request(Request.Kind.READ, "k", t, t + 5, ok ? 200 : 0, ok));
        }

        String svg = TimelineSvg.render(summary, requests);
        // kept for a look at the picture (rsvg-convert target/timeline-sample.svg > sample.png)
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "timeline-sample.svg"), svg);

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains(">fence<", ">pivot<", "fill=\"#2e9d57\"", "fill=\"#d43c3c\"", "first good response");
    }

    @Test
    void textIsEscaped() {
        DemoSummary summary = DemoSummary.of(new DemoSummary.Facts("<env&>", "2026.11", 3, "i-m", 0),
                new io.understudy.demo.takeover.TakeoverTimeline(), TrafficFigures.of(List.of(), 0), 0,
                new Aftermath("nobody", 0, null, 0), DemoSummaryTest.invariantsHeld());

        assertThat(TimelineSvg.render(summary, List.of())).contains("&lt;env&amp;&gt;").doesNotContain("<env&>");
    }
}
