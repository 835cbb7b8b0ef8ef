package io.understudy.registry.access;

import io.understudy.http.BasicCredentials;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what in the registry: writes (registering, changing levels or modes, deleting) need the writer's
 * credentials; reads need the reader's or the writer's, unless {@link ReadAccess#OPEN}. Without a writer the
 * registry is open to everyone, which only an explicit {@code understudy.registry.insecure=true} allows.
 */
public record RegistryAccess(Optional<BasicCredentials> writer, Optional<BasicCredentials> reader, ReadAccess reads) {
    public static final String WRITER = "understudy.registry.writer";
    public static final String READER = "understudy.registry.reader";
    public static final String READS = "understudy.registry.reads";
    public static final String INSECURE = "understudy.registry.insecure";
    public static final String WRITER_USER = "registry-writer";
    public static final String READER_USER = "registry-reader";

    public RegistryAccess {
        if (writer.isEmpty() && reader.isPresent()) {
            throw new IllegalArgumentException(READER + " is set but " + WRITER + " is not: a registry with a reader needs a writer");
        }
        if (writer.isPresent() && reader.isPresent() && writer.get().user().equals(reader.get().user())) {
            throw new IllegalArgumentException(WRITER + " and " + READER + " name the same user, " + reader.get().user());
        }
    }

    /** A writer and a reader with new random passwords: what an embedded registry given none runs with. */
    public static RegistryAccess generated(ReadAccess reads) {
        return new RegistryAccess(Optional.of(BasicCredentials.generate(WRITER_USER)),
                Optional.of(BasicCredentials.generate(READER_USER)), reads);
    }

    /** Everyone may do everything: for an explicitly insecure registry only. */
    public static RegistryAccess insecure() {
        return new RegistryAccess(Optional.empty(), Optional.empty(), ReadAccess.OPEN);
    }

    /**
     * From the settings ({@code understudy.registry.writer}, {@code .reader} as {@code user:password}, {@code .reads},
     * {@code .insecure}); refuses a registry without a writer unless it is explicitly insecure.
     */
    public static RegistryAccess fromSettings(String writer, String reader, String reads, boolean insecure) {
        Optional<BasicCredentials> writerCredentials = credentials(WRITER, writer);
        if (writerCredentials.isEmpty() && !insecure) {
            throw new IllegalStateException("the schema registry has no writer credentials, so anyone could register schemas"
                    + " and change compatibility levels: set " + WRITER + " (environment UNDERSTUDY_REGISTRY_WRITER) to"
                    + " user:password, and " + READER + " (UNDERSTUDY_REGISTRY_READER) for read-only clients; or set "
                    + INSECURE + "=true (UNDERSTUDY_REGISTRY_INSECURE) to run it open to everyone on purpose");
        }
        return new RegistryAccess(writerCredentials, credentials(READER, reader), ReadAccess.parse(reads));
    }

    private static Optional<BasicCredentials> credentials(String setting, String userInfo) {
        try {
            return BasicCredentials.fromUserInfo(userInfo);
        } catch (IllegalArgumentException e) {
            // the message of BasicCredentials never holds the password; the value is not repeated here either
            throw new IllegalArgumentException(setting + " must read user:password: " + e.getMessage());
        }
    }

    public boolean secured() {
        return writer.isPresent();
    }

    /** As Micronaut properties of a registry started in this JVM. */
    public Map<String, Object> asSettings() {
        Map<String, Object> settings = new HashMap<>();
        writer.ifPresent(w -> settings.put(WRITER, w.userInfo()));
        reader.ifPresent(r -> settings.put(READER, r.userInfo()));
        settings.put(READS, reads.setting());
        settings.put(INSECURE, writer.isEmpty());
        return settings;
    }

    /** What a request with this {@code Authorization} header (null when absent) may do. */
    public Verdict judge(RequestKind kind, String authorization) {
        if (writer.isEmpty()) {
            return Verdict.ALLOWED;
        }
        // both compared every time, so how long a refusal takes does not tell which user was close
        boolean isWriter = writer.get().matches(authorization);
        boolean isReader = reader.map(r -> r.matches(authorization)).orElse(false);
        if (kind == RequestKind.READ) {
            return reads == ReadAccess.OPEN || isWriter || isReader ? Verdict.ALLOWED : Verdict.UNAUTHENTICATED;
        }
        if (isWriter) {
            return Verdict.ALLOWED;
        }
        return isReader ? Verdict.FORBIDDEN : Verdict.UNAUTHENTICATED;
    }

    public enum Verdict { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    @Override
    public String toString() {
        return "RegistryAccess[writer=" + writer.map(BasicCredentials::user).orElse("none (insecure)")
                + ", reader=" + reader.map(BasicCredentials::user).orElse("none") + ", reads=" + reads.setting() + "]";
    }
}
