package io.understudy.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The SCRAM password of every user, made once per data directory and kept in it (owner-only), so that a broker
 * started again on the same data knows its administrator's password and its clients keep theirs.
 */
final class Credentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 192 bits, URL-safe: nothing that needs quoting in a JAAS line or in KRaft's SCRAM arguments. */
    private static final int PASSWORD_BYTES = 24;

    private final Map<String, String> passwords;

    private Credentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The passwords kept in {@code file}, and new ones for users it lacks (written back before they are used). */
    static Credentials loadOrMake(Path file, Collection<String> users) {
        Properties kept = read(file);
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean made = false;
        for (String user : users) {
            String password = kept.getProperty(user);
            if (password == null) {
                password = newPassword();
                made = true;
            }
            passwords.put(user, password);
        }
        if (made) {
            write(file, passwords);
        }
        return new Credentials(passwords);
    }

    static boolean exist(Path file) {
        return Files.isRegularFile(file);
    }

    String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("the broker has no user " + user);
        }
        return password;
    }

    static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the broker's credentials in " + file, e);
            }
        }
        return properties;
    }

    private static void write(Path file, Map<String, String> passwords) {
        Properties properties = new Properties();
        properties.putAll(passwords);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "SCRAM passwords of the broker's users: keep this file to yourself");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's credentials to " + file, e);
        }
    }
}
