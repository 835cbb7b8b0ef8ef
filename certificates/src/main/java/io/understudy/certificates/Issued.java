package io.understudy.certificates;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** A certificate the authority issued, with its private key: written in the forms the parts that use it read. */
public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {

    /** The certificate and its key, each as PEM: e.g. Java's and Kafka's PEM key stores, curl's --cert/--key. */
    public void writePem(Path certificatePem, Path keyPem) {
        Pem.write(certificatePem, Pem.certificate(certificate));
        Pem.writePrivate(keyPem, Pem.privateKey(key));
    }

    /** Certificate and key in one PEM file, as HAProxy's {@code crt} wants it. */
    public void writeBundle(Path pem) {
        Pem.writePrivate(pem, Pem.certificate(certificate) + Pem.privateKey(key));
    }

    /** A PKCS#12 key store holding the key under {@code alias}, with the certificate chain up to the authority. */
    public void writePkcs12(Path file, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, new Certificate[]{certificate, issuer});
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            Pem.ownerOnly(file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the key store " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store " + file, e);
        }
    }
}
