package io.understudy.devstack;

import io.understudy.certificates.CertificateAuthority;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The stack's operators' authority and the one operator it issued, for the local user: the orchestrator run against
 * the stack trusts {@code authorities} ({@code UNDERSTUDY_OPERATORS_AUTHORITIES}), and the operator commands sign with
 * {@code certificate} and {@code key} (PKCS#8). Made at every start, on an insecure stack too: the signature says who
 * asked, whatever the broker checks. The authority's key is not kept, so it issues nobody else.
 */
record OperatorFiles(String operator, Path authorities, Path certificate, Path key) {
    private static final String NAME = "operator.name";
    private static final String AUTHORITIES = "operators.authorities";
    private static final String CERTIFICATE = "operator.certificate";
    private static final String KEY = "operator.key";

    static OperatorFiles create(Path dir, String userName) {
        OperatorFiles files = new OperatorFiles("operator:" + userName, dir.resolve("operators-ca.pem"),
                dir.resolve("operator.pem"), dir.resolve("operator.key"));
        CertificateAuthority authority = CertificateAuthority.create("understudy-dev-stack-operators");
        authority.writeCertificate(files.authorities);
        authority.issue(files.operator, List.of(), CertificateAuthority.Usage.CLIENT).writePem(files.certificate, files.key);
        return files;
    }

    void addTo(Properties properties) {
        properties.setProperty(NAME, operator);
        properties.setProperty(AUTHORITIES, authorities.toString());
        properties.setProperty(CERTIFICATE, certificate.toString());
        properties.setProperty(KEY, key.toString());
    }

    static Optional<OperatorFiles> from(Properties properties) {
        if (properties.getProperty(AUTHORITIES) == null || properties.getProperty(CERTIFICATE) == null
                || properties.getProperty(KEY) == null) {
            return Optional.empty();
        }
        return Optional.of(new OperatorFiles(properties.getProperty(NAME, "operator"), Path.of(properties.getProperty(AUTHORITIES)),
                Path.of(properties.getProperty(CERTIFICATE)), Path.of(properties.getProperty(KEY))));
    }

    /** What {@code up} and {@code status} print; the demo reads the {@code operator-*:} lines. */
    String describe() {
        return "operator: " + operator + " (operator commands are signed with its certificate; the orchestrator trusts"
                + " the authorities)\noperator-authorities: " + authorities + "\noperator-certificate: " + certificate
                + "\noperator-key: " + key;
    }
}
