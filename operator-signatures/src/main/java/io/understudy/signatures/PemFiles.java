package io.understudy.signatures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Certificates and PKCS#8 private keys in PEM (RFC 7468), as the certificates module and openssl write them. */
final class PemFiles {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemFiles() {
    }

    static List<X509Certificate> certificates(byte[] pem, String what) {
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path pem) {
        return certificates(read(pem), pem.toString());
    }

    static PrivateKey privateKey(Path pem) {
        Matcher block = PRIVATE_KEY.matcher(new String(read(pem), StandardCharsets.US_ASCII));
        if (!block.find()) {
            throw new IllegalArgumentException(pem + " holds no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY); "
                    + "convert one with: openssl pkcs8 -topk8 -nocrypt -in <key> -out " + pem);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1)));
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next kind of key
            }
        }
        throw new IllegalArgumentException(pem + " holds a private key that is neither RSA nor EC");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
