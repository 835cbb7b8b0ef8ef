package io.understudy.demo.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The summary as JSON for machines (CI, dashboards): every figure, every step and the verdict. */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static String render(DemoSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", summary.passed());
        root.put("replacementOnSameStackVersion", summary.replacementOnSameStackVersion());
        root.put("spareCapacityRestored", summary.spareCapacityRestored());
        root.setAll((ObjectNode) JSON.valueToTree(summary));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }

    public static void write(DemoSummary summary, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, render(summary) + "\n");
    }
}
