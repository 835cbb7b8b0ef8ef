package io.understudy.testing.seams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a module's main code may use a cloud provider's SDK: only in its adapter package (e.g. {@code ...ip.aws}),
 * behind the ports its handlers use. A source check of imports, run from the module's directory: what it finds is
 * a class outside the adapter that would have to change for another provider.
 */
public final class CloudSeam {
    private static final String SDK = "import software.amazon.";

    private CloudSeam() {
    }

    /** Main classes outside {@code adapterPackage} (e.g. {@code io.understudy.ip.aws}) that import the AWS SDK. */
    public static List<String> sdkImportsOutside(String adapterPackage) {
        Path main = Path.of("src", "main", "java");
        Path adapter = main.resolve(adapterPackage.replace('.', '/'));
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(adapter))
                    .filter(CloudSeam::importsTheSdk)
                    .map(p -> main.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean importsTheSdk(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.anyMatch(line -> line.startsWith(SDK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
