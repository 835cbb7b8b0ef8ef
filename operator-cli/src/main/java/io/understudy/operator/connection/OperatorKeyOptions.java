package io.understudy.operator.connection;

import io.understudy.signatures.OperatorKey;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The operator's certificate and private key, which sign the commands that act on an environment: the orchestrator
 * acts only on commands signed by an operator of its authorities, and records the certificate's name as who asked.
 */
public class OperatorKeyOptions {
    static final String CERTIFICATE_VARIABLE = "UNDERSTUDY_OPERATOR_CERT";
    static final String KEY_VARIABLE = "UNDERSTUDY_OPERATOR_KEY";
    /** What the dev stack writes into its stack.properties. */
    static final String STACK_CERTIFICATE = "operator.certificate";
    static final String STACK_KEY = "operator.key";

    @Option(names = "--operator-cert", description = "the operator's certificate, PEM (default: $" + CERTIFICATE_VARIABLE
            + ", the dev stack's operator)")
    Path certificate;

    @Option(names = "--operator-key", description = "the operator's private key, PKCS#8 PEM (default: $" + KEY_VARIABLE
            + ", the dev stack's operator)")
    Path key;

    public OperatorKey operatorKey(Path stackDir) {
        return resolve(certificate, key, stackDir, System.getenv());
    }

    /** The operator's key, or empty once {@code err} has been told why there is none and how to get one. */
    public Optional<OperatorKey> operatorKeyOrExplain(Path stackDir, PrintStream err) {
        try {
            return Optional.of(operatorKey(stackDir));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The first that names both files: the options, the environment variables, the dev stack's operator; never one
     * file from one place and the other from another.
     */
    static OperatorKey resolve(Path certificateOption, Path keyOption, Path stackDir, Map<String, String> environment) {
        if (certificateOption != null || keyOption != null) {
            return load(certificateOption, keyOption, "--operator-cert and --operator-key");
        }
        String certificate = environment.get(CERTIFICATE_VARIABLE);
        String key = environment.get(KEY_VARIABLE);
        if (present(certificate) || present(key)) {
            return load(present(certificate) ? Path.of(certificate) : null, present(key) ? Path.of(key) : null,
                    CERTIFICATE_VARIABLE + " and " + KEY_VARIABLE);
        }
        Properties stack = stackProperties(stackDir);
        if (stack.getProperty(STACK_CERTIFICATE) != null && stack.getProperty(STACK_KEY) != null) {
            return load(Path.of(stack.getProperty(STACK_CERTIFICATE)), Path.of(stack.getProperty(STACK_KEY)),
                    "the dev stack's operator (" + stackDir.resolve("stack.properties") + ")");
        }
        throw new IllegalArgumentException("no operator key to sign the command with: the orchestrator acts only on"
                + " operator commands signed by an operator's certificate. Give --operator-cert FILE --operator-key FILE"
                + " (or " + CERTIFICATE_VARIABLE + " and " + KEY_VARIABLE + "): a certificate for you issued by your"
                + " deployment's operators' CA (the one the orchestrator's understudy.operators.authorities names), and"
                + " its private key as unencrypted PKCS#8 PEM. Against the dev stack (./understudy stack up) its operator's"
                + " are used.");
    }

    private static OperatorKey load(Path certificate, Path key, String from) {
        if (certificate == null || key == null) {
            throw new IllegalArgumentException(from + " go together: the operator's certificate and its private key");
        }
        try {
            return OperatorKey.fromPem(certificate, key);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load the operator key of " + from + ": " + e.getMessage(), e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Properties stackProperties(Path stackDir) {
        Properties properties = new Properties();
        Path file = stackDir == null ? null : stackDir.resolve("stack.properties");
        if (file == null || !Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            // as if there were no stack
        }
        return properties;
    }
}
