package io.understudy.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/** What a running stack leaves in its directory: its pid, its addresses, its log and Kafka's data. */
record StackFiles(Path dir) {

    Path pidFile() {
        return dir.resolve("stack.pid");
    }

    Path addressesFile() {
        return dir.resolve("stack.properties");
    }

    Path logFile() {
        return dir.resolve("stack.log");
    }

    /** The operators' authority and the local operator's certificate and key: {@link OperatorFiles}. */
    Path operatorsDir() {
        return dir.resolve("operators");
    }

    Path kafkaData() {
        return dir.resolve("kafka");
    }

    OptionalLong pid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    void writePid(long pid) {
        writeAtomically(pidFile(), pid + "\n");
    }

    Optional<StackAddresses> addresses() {
        if (!Files.exists(addressesFile())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(addressesFile(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return StackAddresses.from(properties);
    }

    void writeAddresses(StackAddresses addresses) {
        try (Writer text = new java.io.StringWriter()) {
            addresses.toProperties().store(text, "addresses of the running dev stack");
            writeAtomically(addressesFile(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forgetRunningStack() {
        try {
            Files.deleteIfExists(addressesFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stack's files in " + dir, e);
        }
    }

    List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Readers never see half a file: write aside, then rename. */
    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
