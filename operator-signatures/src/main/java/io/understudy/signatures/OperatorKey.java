package io.understudy.signatures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An operator's private key and certificate chain: signs the operator commands that operator writes. */
public final class OperatorKey {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final byte[] chainPem;

    public OperatorKey(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an operator key needs its certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.chainPem = pem(this.chain);
    }

    /** {@code certificatePem}: the operator's certificate, optionally followed by intermediates; {@code keyPem}: PKCS#8. */
    public static OperatorKey fromPem(Path certificatePem, Path keyPem) {
        return new OperatorKey(PemFiles.privateKey(keyPem), PemFiles.certificates(certificatePem));
    }

    /** Who this key signs as: the common name of its certificate. */
    public String principal() {
        return Principals.of(chain.get(0));
    }

    /** The headers to write with the record {@code key}/{@code value} on {@code topic}. */
    public Map<String, byte[]> sign(String topic, byte[] recordKey, byte[] value) {
        try {
            Signature signature = Signature.getInstance(Algorithms.forKey(key));
            signature.initSign(key);
            signature.update(SignedPayload.of(topic, recordKey, value));
            return Map.of(SignatureHeaders.SIGNATURE, signature.sign(), SignatureHeaders.CERTIFICATES, chainPem.clone());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the key of " + principal(), e);
        }
    }

    private static byte[] pem(List<X509Certificate> chain) {
        return chain.stream().map(OperatorKey::pem).collect(Collectors.joining()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }
}
