package io.understudy.signatures;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;

/** An operator is named by the common name of the certificate that signed: what the journal records as "by". */
final class Principals {
    private Principals() {
    }

    static String of(X509Certificate certificate) {
        X500Principal subject = certificate.getSubjectX500Principal();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unreadable subject " + subject, e);
        }
        return subject.getName(X500Principal.RFC2253);
    }
}
