package io.understudy.broker;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code kafka-storage.sh format} does, done in-process; a formatted directory is kept as it is. */
final class KraftStorage {
    private KraftStorage() {
    }

    /** @param scramArguments SCRAM credentials the metadata starts with ({@code kafka-storage format --add-scram}) */
    static void formatIfNew(KafkaConfig config, Path logDir, List<String> scramArguments) {
        if (formatted(logDir)) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .setScramArguments(scramArguments);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    static boolean formatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }
}
