package io.understudy.signatures;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.certificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorSignaturesTest {
    private static final String TOPIC = "understudy.operator-commands";
    private static final byte[] KEY = "env-a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 7, 42, 43, 44};
    private static final CertificateAuthority OPERATORS = CertificateAuthority.create("operators");
    private static final OperatorTrust TRUST = new OperatorTrust(List.of(OPERATORS.certificate()));

    private static OperatorKey operator(CertificateAuthority authority, String name, CertificateAuthority.Usage usage) {
        Issued issued = authority.issue(name, List.of(), usage);
        return new OperatorKey(issued.key(), List.of(issued.certificate()));
    }

    private static final OperatorKey ALICE = operator(OPERATORS, "alice", CertificateAuthority.Usage.CLIENT);

    @Test
    void aSignedCommandNamesItsOperator() {
        Map<String, byte[]> headers = ALICE.sign(TOPIC, KEY, VALUE);

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, headers, Instant.now())).isEqualTo(new Verdict.Signed("alice"));
        assertThat(ALICE.principal()).isEqualTo("alice");
    }

    @Test
    void anUnsignedCommandIsRefused() {
        assertThat(TRUST.verify(TOPIC, KEY, VALUE, Map.of(), Instant.now()))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains("not signed"));
    }

    @Test
    void aChangedValueOrAnotherEnvironmentOrTopicIsRefused() {
        Map<String, byte[]> headers = ALICE.sign(TOPIC, KEY, VALUE);
        byte[] changed = VALUE.clone();
        changed[7] = 45;

        assertThat(TRUST.verify(TOPIC, KEY, changed, headers, Instant.now())).isInstanceOf(Verdict.Refused.class);
        assertThat(TRUST.verify(TOPIC, "env-b".getBytes(StandardCharsets.UTF_8), VALUE, headers, Instant.now()))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains("does not match"));
        assertThat(TRUST.verify("understudy.other", KEY, VALUE, headers, Instant.now())).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aCertificateOfAnotherAuthorityIsRefusedEvenWithAValidSignature() {
        OperatorKey mallory = operator(CertificateAuthority.create("operators"), "alice", CertificateAuthority.Usage.CLIENT);

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, mallory.sign(TOPIC, KEY, VALUE), Instant.now()))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains("not an operator's"));
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() {
        Map<String, byte[]> headers = ALICE.sign(TOPIC, KEY, VALUE);

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, headers, Instant.now().plus(Duration.ofDays(400))))
                .isInstanceOf(Verdict.Refused.class);
        assertThat(TRUST.verify(TOPIC, KEY, VALUE, headers, Instant.now().minus(Duration.ofDays(1))))
                .isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aServerCertificateOfTheRightAuthorityMayNotSign() {
        OperatorKey broker = operator(OPERATORS, "broker", CertificateAuthority.Usage.SERVER);

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, broker.sign(TOPIC, KEY, VALUE), Instant.now()))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains("authenticate a client"));
    }

    @Test
    void aSignatureMovedOntoAnotherOperatorsCertificateIsRefused() {
        OperatorKey bob = operator(OPERATORS, "bob", CertificateAuthority.Usage.CLIENT);
        Map<String, byte[]> forged = new HashMap<>(ALICE.sign(TOPIC, KEY, VALUE));
        forged.put(SignatureHeaders.CERTIFICATES, bob.sign(TOPIC, KEY, VALUE).get(SignatureHeaders.CERTIFICATES));

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, forged, Instant.now())).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void garbageInTheHeadersIsRefusedWithAReason() {
        Map<String, byte[]> garbage = Map.of(SignatureHeaders.SIGNATURE, new byte[]{1, 2},
                SignatureHeaders.CERTIFICATES, "not a certificate".getBytes(StandardCharsets.UTF_8));

        assertThat(TRUST.verify(TOPIC, KEY, VALUE, garbage, Instant.now()))
                .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).contains(SignatureHeaders.CERTIFICATES));
    }

    @Test
    void keysAndCertificatesAreReadFromTheFilesTheAuthorityWrites(@TempDir Path dir) {
        Issued issued = OPERATORS.issue("carol", List.of(), CertificateAuthority.Usage.CLIENT);
        issued.writePem(dir.resolve("carol.pem"), dir.resolve("carol.key"));
        OPERATORS.writeCertificate(dir.resolve("operators.pem"));

        OperatorKey carol = OperatorKey.fromPem(dir.resolve("carol.pem"), dir.resolve("carol.key"));
        OperatorTrust trust = OperatorTrust.fromPem(dir.resolve("operators.pem"));

        assertThat(trust.verify(TOPIC, null, VALUE, carol.sign(TOPIC, null, VALUE), Instant.now()))
                .isEqualTo(new Verdict.Signed("carol"));
    }
}
