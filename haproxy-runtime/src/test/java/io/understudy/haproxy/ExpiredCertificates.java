package io.understudy.haproxy;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Certificates whose validity ended a day ago, from an authority of their own that is still valid: the
 * certificates module only issues certificates valid from now on, so these are made with Bouncy Castle directly.
 */
final class ExpiredCertificates {
    private final KeyPair authorityKeys = keys();
    private final X509Certificate authority;

    ExpiredCertificates() throws Exception {
        X500Name name = new X500Name("CN=expired-test-ca");
        Instant now = Instant.now();
        authority = sign(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(10))),
                Date.from(now.plus(Duration.ofDays(10))), name, authorityKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)));
    }

    void writeAuthority(Path pem) throws Exception {
        write(pem, pem("CERTIFICATE", authority.getEncoded()));
    }

    /** An expired server certificate for {@code address} and its key, in one file as HAProxy's {@code crt} wants it. */
    void writeServerBundle(Path file, String address) throws Exception {
        KeyPair leaf = keys();
        X509Certificate certificate = leaf(leaf, "expired-server", KeyPurposeId.id_kp_serverAuth, address);
        write(file, pem("CERTIFICATE", certificate.getEncoded()) + pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
    }

    /** An expired client certificate and its key, each as PEM. */
    void writeClient(Path certificatePem, Path keyPem) throws Exception {
        KeyPair leaf = keys();
        X509Certificate certificate = leaf(leaf, "expired-client", KeyPurposeId.id_kp_clientAuth, null);
        write(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        write(keyPem, pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
    }

    private X509Certificate leaf(KeyPair leaf, String commonName, KeyPurposeId purpose, String address) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=expired-test-ca"),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(3))), Date.from(now.minus(Duration.ofDays(1))),
                new X500Name("CN=" + commonName), leaf.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (address != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, address)));
        }
        return sign(builder);
    }

    private X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder) throws Exception {
        PrivateKey signer = authorityKeys.getPrivate();
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
