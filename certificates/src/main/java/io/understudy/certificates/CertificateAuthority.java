package io.understudy.certificates;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A certificate authority made where Understudy runs without one installed (the dev stack, the sandbox, the tests):
 * its own key, a self-signed certificate, and certificates it issues for servers (the broker, each instance's HAProxy)
 * and clients (each service). Nothing is checked in: every start makes its own. Production brings its own
 * authority and uses the same files.
 */
public final class CertificateAuthority {
    private static final String SIGNATURE = "SHA256withRSA";
    private static final int KEY_BITS = 2048;
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority whose certificate names it {@code CN=<name>}. */
    public static CertificateAuthority create(String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot make the certificate authority " + name, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the authority's certificate (what clients and servers trust) as PEM. */
    public void writeCertificate(Path pem) {
        Pem.write(pem, Pem.certificate(certificate));
    }

    /**
     * A certificate for {@code commonName}, valid for each of {@code names} (host names or IPv4 addresses, which
     * become DNS or IP subject alternative names), for TLS servers, clients, or both.
     */
    public Issued issue(String commonName, Collection<String> names, Usage usage) {
        KeyPair leaf = newKeys();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + commonName),
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), leaf)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage.purposes()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(leaf.getPublic()));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            return new Issued(sign(builder, keys), leaf.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    /** What an issued certificate may be used for. */
    public enum Usage {
        SERVER(KeyPurposeId.id_kp_serverAuth),
        CLIENT(KeyPurposeId.id_kp_clientAuth),
        SERVER_AND_CLIENT(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);

        private final KeyPurposeId[] purposes;

        Usage(KeyPurposeId... purposes) {
            this.purposes = purposes;
        }

        KeyPurposeId[] purposes() {
            return purposes.clone();
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair subjectKeys) {
        Instant now = Instant.now();
        // a little in the past: clocks of the processes that check it may lag a second behind
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static GeneralNames alternativeNames(Collection<String> names) {
        List<GeneralName> general = names.stream().map(CertificateAuthority::alternativeName).toList();
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    private static GeneralName alternativeName(String name) {
        if (IPV4.matcher(name).matches()) {
            try {
                InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + name, e);
            }
            return new GeneralName(GeneralName.iPAddress, name);
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key pair generator", e);
        }
    }
}
