package io.understudy.haproxy;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS client context made from PEM files, read again when one of them changes (certificates are rotated by
 * replacing the files). Files that do not load, e.g. a key written before its certificate, leave the previous
 * context in use; the next exchange tries them again.
 */
final class PemTls {
    private static final System.Logger LOG = System.getLogger(PemTls.class.getName());
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    // the key store never leaves this object: its password protects nothing and only satisfies the API
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final ClientPemFiles files;
    private final Clock clock;
    private Client current;
    private List<Object> rejectedStamp;

    /** What one exchange uses: the context, and the client certificate it presents. */
    record Client(SSLContext context, OfferingKeyManager keys, X509Certificate certificate, List<X509Certificate> authorities,
                  List<Object> stamp) {

        String describe() {
            return "CN=" + commonName(certificate) + " issued by " + certificate.getIssuerX500Principal().getName()
                    + ", valid until " + certificate.getNotAfter().toInstant();
        }
    }

    private PemTls(ClientPemFiles files, Clock clock, Client first) {
        this.files = files;
        this.clock = clock;
        this.current = first;
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static PemTls load(ClientPemFiles files, Clock clock) {
        return new PemTls(files, clock, read(files, stamp(files), clock.instant()));
    }

    /**
     * The client to connect with, read again if the files changed.
     *
     * @throws HaproxyTlsException when our certificate has expired or is not valid yet: HAProxy would refuse it
     */
    synchronized Client client() {
        List<Object> now = stampOrNull();
        if (now != null && !now.equals(current.stamp()) && !now.equals(rejectedStamp)) {
            try {
                current = read(files, now, clock.instant());
            } catch (IllegalArgumentException e) {
                rejectedStamp = now;
                LOG.log(System.Logger.Level.WARNING, "the runtime API's TLS files changed but do not load, still using "
                        + current.describe() + ": " + e.getMessage());
            }
        }
        Instant at = clock.instant();
        if (at.isAfter(current.certificate().getNotAfter().toInstant())) {
            throw new HaproxyTlsException("our runtime API client certificate " + files.certificate() + " (" + current.describe()
                    + ") has expired: install a new certificate and key", null);
        }
        if (at.isBefore(current.certificate().getNotBefore().toInstant())) {
            throw new HaproxyTlsException("our runtime API client certificate " + files.certificate() + " (" + current.describe()
                    + ") is not valid before " + current.certificate().getNotBefore().toInstant(), null);
        }
        return current;
    }

    ClientPemFiles files() {
        return files;
    }

    private List<Object> stampOrNull() {
        try {
            return stamp(files);
        } catch (IllegalArgumentException e) {
            // a file missing for a moment while it is replaced: keep what was loaded
            return null;
        }
    }

    /** Modification time and size of each file: a rotation changes at least one of them. */
    private static List<Object> stamp(ClientPemFiles files) {
        List<Object> stamp = new ArrayList<>();
        for (Path file : List.of(files.authority(), files.certificate(), files.key())) {
            try {
                stamp.add(Files.getLastModifiedTime(file));
                stamp.add(Files.size(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
            }
        }
        return List.copyOf(stamp);
    }

    private static Client read(ClientPemFiles files, List<Object> stamp, Instant now) {
        List<X509Certificate> authorities = certificates(files.authority());
        List<X509Certificate> chain = certificates(files.certificate());
        X509Certificate leaf = chain.get(0);
        PrivateKey key = privateKey(files.key(), leaf.getPublicKey().getAlgorithm());
        checkPair(files, leaf, key);
        checkUsableNow(files.certificate(), leaf, now);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("authority-" + i, authorities.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trusted);
            OfferingKeyManager offering = new OfferingKeyManager(extended(keyManagers));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{offering}, new TrustManager[]{new DescribingTrustManager(pkix(trustManagers), authorities)}, null);
            return new Client(context, offering, leaf, authorities, stamp);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot make a TLS context of " + files + ": " + e, e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(file + " holds a CERTIFICATE block that is no X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        List<Block> keys = blocks(file).stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(file + " must hold exactly one PEM private key, it holds " + keys.size());
        }
        Block key = keys.get(0);
        switch (key.type()) {
            case "PRIVATE KEY" -> {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.der()));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException(file + " holds no readable PKCS#8 " + algorithm + " key (the certificate's key is "
                            + algorithm + "): " + e.getMessage(), e);
                }
            }
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(file + " is encrypted; give the key unencrypted and "
                    + "readable by this service's user alone (openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>)");
            default -> throw new IllegalArgumentException(file + " holds a " + key.type() + " (PKCS#1 or SEC1); convert it to "
                    + "PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>");
        }
    }

    /** A key that does not belong to the certificate would only show as a refused handshake: say so at once. */
    private static void checkPair(ClientPemFiles files, X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] challenge = "understudy runtime API key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through: the pair does not work together
        }
        throw new IllegalArgumentException("the key in " + files.key() + " does not belong to the certificate in " + files.certificate()
                + " (CN=" + commonName(certificate) + ")");
    }

    private static void checkUsableNow(Path file, X509Certificate certificate, Instant now) {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("the client certificate in " + file + " (CN=" + commonName(certificate)
                    + ") expired at " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new IllegalArgumentException("the client certificate in " + file + " (CN=" + commonName(certificate)
                    + ") is not valid before " + certificate.getNotBefore().toInstant());
        }
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the client certificate in " + file + " has an unreadable extended key usage", e);
        }
        if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
            throw new IllegalArgumentException("the certificate in " + file + " (CN=" + commonName(certificate)
                    + ") is not for TLS clients (its extended key usage lacks clientAuth): HAProxy would refuse it");
        }
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " holds a " + matcher.group(1) + " block that is not base64", e);
            }
        }
        return blocks;
    }

    private static X509ExtendedKeyManager extended(KeyManagerFactory factory) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("the JDK's key manager factory made no X509ExtendedKeyManager");
    }

    private static X509ExtendedTrustManager pkix(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
    }

    static String commonName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        for (String part : name.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return Objects.toString(name);
    }
}
