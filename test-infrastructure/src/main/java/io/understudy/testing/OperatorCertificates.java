package io.understudy.testing;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.certificates.Issued;
import io.understudy.signatures.OperatorKey;
import io.understudy.signatures.OperatorTrust;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operators' authority of a test run, as a deployment has one: the orchestrators of the suite trust it
 * ({@link #authoritiesPem()}, handed to service processes by ServiceEnvironment), and it issued the suite's operator
 * ({@link #operator()}), who signs every operator command {@link TopicRecords} writes. One per test JVM ({@link #get()}),
 * under {@code target/infrastructure-<pid>/operators-<n>}; {@link #create} makes another, whose operators the suite's
 * orchestrators refuse.
 */
public final class OperatorCertificates {
    /** The common name of the suite's operator: what the orchestrator records as who asked. */
    public static final String OPERATOR = "operator:test-suite";
    private static OperatorCertificates suite;

    private final CertificateAuthority authority;
    private final Path authoritiesPem;
    private final Path certificatePem;
    private final Path keyPem;
    private final OperatorKey operator;

    private OperatorCertificates(String name, String operatorName) {
        this.authority = CertificateAuthority.create(name);
        Path dir = Infrastructure.workDir("operators");
        this.authoritiesPem = dir.resolve("operators-ca.pem");
        this.certificatePem = dir.resolve("operator.pem");
        this.keyPem = dir.resolve("operator.key");
        authority.writeCertificate(authoritiesPem);
        authority.issue(operatorName, List.of(), CertificateAuthority.Usage.CLIENT).writePem(certificatePem, keyPem);
        this.operator = OperatorKey.fromPem(certificatePem, keyPem);
    }

    /** The suite's authority and operator. */
    public static synchronized OperatorCertificates get() {
        if (suite == null) {
            suite = new OperatorCertificates("understudy-test-operators-ca", OPERATOR);
        }
        return suite;
    }

    /** Another authority {@code CN=<name>} with an operator {@code operatorName} of its own: not trusted by the suite. */
    public static OperatorCertificates create(String name, String operatorName) {
        return new OperatorCertificates(name, operatorName);
    }

    /** The operator's key, loaded from its PEM files as the CLI loads one. */
    public OperatorKey operator() {
        return operator;
    }

    /** Another operator of this authority. */
    public OperatorKey issue(String operatorName) {
        Issued issued = authority.issue(operatorName, List.of(), CertificateAuthority.Usage.CLIENT);
        return new OperatorKey(issued.key(), List.of(issued.certificate()));
    }

    public OperatorTrust trust() {
        return new OperatorTrust(List.of(authority.certificate()));
    }

    /** The authority's certificate: what an orchestrator's {@code understudy.operators.authorities} names. */
    public Path authoritiesPem() {
        return authoritiesPem;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    /** PKCS#8, readable by its owner only. */
    public Path keyPem() {
        return keyPem;
    }

    /** The orchestrator's setting for this authority, as the environment variable a service process reads. */
    public Map<String, String> orchestratorEnvironment() {
        return Map.of("UNDERSTUDY_OPERATORS_AUTHORITIES", authoritiesPem.toString());
    }

    /** The CLI's setting for this operator, as the environment variables it reads. */
    public Map<String, String> cliEnvironment() {
        return Map.of("UNDERSTUDY_OPERATOR_CERT", certificatePem.toString(), "UNDERSTUDY_OPERATOR_KEY", keyPem.toString());
    }
}
