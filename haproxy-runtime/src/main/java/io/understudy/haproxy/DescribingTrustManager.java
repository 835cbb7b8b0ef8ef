package io.understudy.haproxy;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JDK's PKIX checks of HAProxy's certificate (chain to the authority, validity, the instance's address among its
 * names), with a refusal that says which check failed and what the certificate holds: the JDK's own words
 * ("PKIX path building failed") do not tell an operator what to fix.
 */
final class DescribingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> authorities;

    DescribingTrustManager(X509ExtendedTrustManager pkix, List<X509Certificate> authorities) {
        this.pkix = pkix;
        this.authorities = List.copyOf(authorities);
    }

    /** Thrown inside the handshake; the exchange finds it among the causes of the handshake's failure. */
    static final class UntrustedServerException extends CertificateException {
        UntrustedServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            String host = socket == null || socket.getInetAddress() == null ? "?" : socket.getInetAddress().getHostAddress();
            throw new UntrustedServerException(describe(chain, host, e), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new UntrustedServerException(describe(chain, engine == null ? "?" : engine.getPeerHost(), e), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new UntrustedServerException(describe(chain, "?", e), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private String describe(X509Certificate[] chain, String host, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return "it presented no certificate";
        }
        X509Certificate leaf = chain[0];
        String subject = "its certificate CN=" + PemTls.commonName(leaf);
        if (has(e, CertificateExpiredException.class)) {
            X509Certificate expired = expired(chain);
            return (expired == leaf ? subject : "its chain's CN=" + PemTls.commonName(expired)) + " expired at " + expired.getNotAfter().toInstant();
        }
        if (has(e, CertificateNotYetValidException.class)) {
            return subject + " is not valid before " + leaf.getNotBefore().toInstant();
        }
        if (String.valueOf(e.getMessage()).contains("subject alternative name") || String.valueOf(e.getMessage()).contains("No name matching")) {
            return subject + " is not for " + host + " (it names " + names(leaf) + ")";
        }
        return subject + " (issued by " + leaf.getIssuerX500Principal().getName() + ") is not signed by the trusted authority "
                + authorities.stream().map(a -> a.getSubjectX500Principal().getName()).collect(Collectors.joining(" or "))
                + " (" + e.getMessage() + ")";
    }

    private static X509Certificate expired(X509Certificate[] chain) {
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return certificate;
            }
        }
        return chain[0];
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String names(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return "no alternative names";
            }
            List<String> shown = new ArrayList<>();
            names.forEach(name -> shown.add(String.valueOf(name.get(1))));
            return String.join(", ", shown);
        } catch (CertificateParsingException e) {
            return "unreadable alternative names";
        }
    }
}
