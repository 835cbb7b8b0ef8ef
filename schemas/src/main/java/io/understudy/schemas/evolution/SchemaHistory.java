package io.understudy.schemas.evolution;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Released schema versions on disk, {@code <root>/<full name>/v<N>.avsc}: what consumers in the field may still
 * be reading or writing, so every new schema is checked against all of them.
 */
public final class SchemaHistory {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path root;

    public SchemaHistory(Path root) {
        this.root = root;
    }

    /** Recorded versions of a type, oldest first; empty when none is recorded. */
    public List<RecordedSchema> versions(String fullName) {
        Path dir = root.resolve(fullName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> read(file, VERSION_FILE.matcher(file.getFileName().toString())))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt(RecordedSchema::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Writes {@code schema} as the next version unless it equals the latest; returns the version written, if any. */
    public Optional<RecordedSchema> recordIfChanged(Schema schema) {
        List<RecordedSchema> versions = versions(schema.getFullName());
        if (!versions.isEmpty() && versions.get(versions.size() - 1).schema().equals(schema)) {
            return Optional.empty();
        }
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        Path file = root.resolve(schema.getFullName()).resolve("v" + next + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + file, e);
        }
        return Optional.of(new RecordedSchema(next, schema));
    }

    public Path root() {
        return root;
    }

    private static Optional<RecordedSchema> read(Path file, Matcher name) {
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            Schema schema = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new RecordedSchema(Integer.parseInt(name.group(1)), schema));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("recorded schema " + file + " is not valid Avro: " + e.getMessage(), e);
        }
    }
}
