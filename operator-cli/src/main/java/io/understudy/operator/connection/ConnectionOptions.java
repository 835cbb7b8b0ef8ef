package io.understudy.operator.connection;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command shares: where Kafka and the registry are, and how to print. */
public class ConnectionOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka's brokers, for the Kafka settings in use (default: theirs)")
    String bootstrapServers;

    @Option(names = "--kafka-config", description = "a properties file of kafka.* settings: brokers, TLS, SASL user and password"
            + " (default: the KAFKA_* environment variables, the dev stack's operator, plaintext on localhost:9092)")
    Path kafkaConfig;

    @Option(names = "--registry", description = "schema registry URL (default: $UNDERSTUDY_SCHEMA_REGISTRY_URL, the dev stack, http://localhost:8081)")
    String registry;

    @Option(names = "--stack-dir", description = "directory of a dev stack started with ./understudy stack up", defaultValue = ".understudy/stack")
    Path stackDir;

    @Option(names = "--format", description = "text or json (default: text)", defaultValue = "text")
    Format format;

    public enum Format { text, json }

    public Connection connection() {
        return Connection.resolve(bootstrapServers, kafkaConfig, registry, stackDir, System.getenv());
    }

    /** Where a dev stack started by {@code ./understudy stack up} keeps its files. */
    public Path stackDir() {
        return stackDir;
    }

    public boolean json() {
        return format == Format.json;
    }
}
