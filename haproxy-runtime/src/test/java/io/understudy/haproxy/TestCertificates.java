package io.understudy.haproxy;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.certificates.Issued;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A certificate authority of the tests' own, with the files a runtime API server and its client read. */
final class TestCertificates {
    private final CertificateAuthority authority;
    private final Path dir;

    private TestCertificates(CertificateAuthority authority, Path dir) {
        this.authority = authority;
        this.dir = dir;
    }

    /** A new authority {@code CN=<name>} writing into {@code target/certificates-<name>-<pid>}, with proxy-configurator's client files. */
    static TestCertificates create(String name) {
        return create(name, name);
    }

    /** An authority {@code CN=<name>} writing into {@code target/certificates-<directory>-<pid>}: two may share a name. */
    static TestCertificates create(String name, String directory) {
        Path dir = Path.of("target", "certificates-" + directory + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        TestCertificates certificates = new TestCertificates(CertificateAuthority.create(name), dir);
        certificates.authority.writeCertificate(certificates.authorityPem());
        certificates.issueClient(ClientPemFiles.PROXY_CONFIGURATOR);
        return certificates;
    }

    Path authorityPem() {
        return dir.resolve(ClientPemFiles.AUTHORITY_FILE);
    }

    ClientPemFiles client() {
        return ClientPemFiles.in(dir, ClientPemFiles.PROXY_CONFIGURATOR);
    }

    /** A client certificate of this authority: {@code <dir>/<name>.pem} and {@code .key}, trusting this authority. */
    ClientPemFiles issueClient(String name) {
        ClientPemFiles files = ClientPemFiles.in(dir, name);
        authority.issue(name, List.of(), CertificateAuthority.Usage.CLIENT).writePem(files.certificate(), files.key());
        return files;
    }

    /** A certificate for servers only, as an instance's HAProxy holds: {@code <dir>/<name>.pem} and {@code .key}. */
    ClientPemFiles issueServerAsClient(String name, String address) {
        ClientPemFiles files = ClientPemFiles.in(dir, name);
        authority.issue(name, List.of(address), CertificateAuthority.Usage.SERVER).writePem(files.certificate(), files.key());
        return files;
    }

    /** A server certificate for {@code names}, with its key, in {@code into/server.pem} as HAProxy's {@code crt} wants it. */
    Path serverBundle(Path into, String... names) {
        Path bundle = into.toAbsolutePath().resolve("server.pem");
        Issued issued = authority.issue("haproxy", List.of(names), CertificateAuthority.Usage.SERVER);
        issued.writeBundle(bundle);
        return bundle;
    }

    /** A client that presents {@code certificate}/{@code key} of this or another authority, trusting this one's servers. */
    ClientPemFiles trustingThis(ClientPemFiles certificateAndKey) {
        return new ClientPemFiles(authorityPem(), certificateAndKey.certificate(), certificateAndKey.key());
    }

    Path dir() {
        return dir;
    }
}
