package io.understudy.signatures;

/**
 * The Kafka record headers that carry an operator command's signature. Any client can write them: the signature is
 * over {@link SignedPayload} with the operator's private key (SHA256withRSA for an RSA key, SHA256withECDSA for an
 * EC key), and the certificate header holds the operator's certificate chain as PEM, leaf first.
 */
public final class SignatureHeaders {
    public static final String SIGNATURE = "understudy.signature";
    public static final String CERTIFICATES = "understudy.certificates";

    private SignatureHeaders() {
    }
}
