package io.understudy.signatures;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operators' certificate authorities: an operator command is acted on only when its signature verifies with a
 * certificate that chains to one of them, was valid at {@code now}, and may authenticate a client. The time is an
 * input, so expiry is tested without waiting for it. Revocation is not checked: keep operator certificates short-lived.
 */
public final class OperatorTrust {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final Set<TrustAnchor> anchors;

    public OperatorTrust(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no operator certificate authority to trust");
        }
        this.anchors = authorities.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
    }

    /** The authorities in a PEM file (one or more certificates). */
    public static OperatorTrust fromPem(Path authoritiesPem) {
        return new OperatorTrust(PemFiles.certificates(authoritiesPem));
    }

    /** {@code headers}: the record's headers by name (the last value of each). */
    public Verdict verify(String topic, byte[] key, byte[] value, Map<String, byte[]> headers, Instant now) {
        byte[] signature = headers.get(SignatureHeaders.SIGNATURE);
        byte[] chainPem = headers.get(SignatureHeaders.CERTIFICATES);
        if (signature == null || chainPem == null) {
            return new Verdict.Refused("not signed: an operator command needs the headers " + SignatureHeaders.SIGNATURE
                    + " and " + SignatureHeaders.CERTIFICATES + " (sign it with an operator certificate)");
        }
        List<X509Certificate> chain;
        try {
            chain = PemFiles.certificates(chainPem, "the header " + SignatureHeaders.CERTIFICATES);
        } catch (IllegalArgumentException e) {
            return new Verdict.Refused(e.getMessage());
        }
        X509Certificate operator = chain.get(0);
        String name = operator.getSubjectX500Principal().getName();
        String untrusted = untrusted(chain, now);
        if (untrusted != null) {
            return new Verdict.Refused("the certificate " + name + " is not an operator's: " + untrusted);
        }
        if (!verifies(operator, SignedPayload.of(topic, key, value), signature)) {
            return new Verdict.Refused("the signature of " + name + " does not match this record (changed, or written "
                    + "for another topic or environment)");
        }
        return new Verdict.Signed(Principals.of(operator));
    }

    private String untrusted(List<X509Certificate> chain, Instant now) {
        try {
            if (!clientAuthentication(chain.get(0))) {
                return "it may not authenticate a client (extended key usage)";
            }
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return null;
        } catch (CertPathValidatorException | CertificateException | InvalidAlgorithmParameterException e) {
            return e.getMessage();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is not available", e);
        }
    }

    private static boolean clientAuthentication(X509Certificate certificate) throws CertificateException {
        List<String> purposes = certificate.getExtendedKeyUsage();
        return purposes == null || purposes.contains(CLIENT_AUTH);
    }

    private static boolean verifies(X509Certificate operator, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Algorithms.forKey(operator.getPublicKey()));
            verifier.initVerify(operator.getPublicKey());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
