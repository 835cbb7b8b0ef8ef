package io.understudy.kafka;

import java.nio.file.Path;

/**
 * Where a broker that made its own credentials leaves what its clients need: the certificate of the authority it
 * made (trust it to reach the broker over TLS) and, per user, {@code <user>.properties} with {@code kafka.*}
 * settings ({@link KafkaSettings#load}) that reach the broker as that user.
 */
public record ClientFiles(Path dir) {
    private static final String SETTINGS_SUFFIX = ".properties";

    public ClientFiles {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Path settings(String user) {
        return dir.resolve(user + SETTINGS_SUFFIX);
    }

    /** The settings of one user; fails, naming the file, when the broker has written none for it. */
    public KafkaSettings load(String user) {
        return KafkaSettings.load(settings(user));
    }
}
