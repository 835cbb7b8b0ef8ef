package io.understudy.broker;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.kafka.ClientFiles;
import io.understudy.kafka.KafkaSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What makes a broker one only its users can drive: a SASL_SSL listener (SCRAM-SHA-512) with a certificate from an
 * authority made at start (nothing on disk outlives a run but the authority's certificate, for clients), the
 * controller's own listener under a password that never leaves this JVM, and KRaft's StandardAuthorizer, which
 * denies whatever the ACLs do not allow and lets only the administrator (and the controller) do everything.
 */
final class BrokerSecurity {
    static final String LISTENER = "SASL_SSL";
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final String CONTROLLER_USER = "controller";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    private static final List<String> BROKER_NAMES = List.of("127.0.0.1", "localhost");

    private final BrokerAccess access;
    private final Credentials credentials;
    private final ClientFiles clients;
    private final Path keyStore;
    private final String keyStorePassword;
    private final String controllerPassword;

    private BrokerSecurity(BrokerAccess access, Credentials credentials, ClientFiles clients, Path keyStore,
                           String keyStorePassword) {
        this.access = access;
        this.credentials = credentials;
        this.clients = clients;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.controllerPassword = Credentials.newPassword();
    }

    /** Keeps or makes every user's password in {@code dataDir}, and makes a new authority and certificate there. */
    static BrokerSecurity prepare(Path dataDir, BrokerAccess access) {
        List<String> users = new ArrayList<>(access.users());
        users.add(access.admin());
        Credentials credentials = Credentials.loadOrMake(credentialsFile(dataDir), users);
        ClientFiles clients = new ClientFiles(dataDir.resolve("clients"));
        CertificateAuthority authority = CertificateAuthority.create("understudy-kafka");
        authority.writeCertificate(clients.caCertificate());
        Path keyStore = dataDir.resolve("tls").resolve("broker.p12");
        String keyStorePassword = Credentials.newPassword();
        authority.issue("kafka-broker", BROKER_NAMES, CertificateAuthority.Usage.SERVER)
                .writePkcs12(keyStore, keyStorePassword.toCharArray(), "broker");
        return new BrokerSecurity(access, credentials, clients, keyStore, keyStorePassword);
    }

    /** Where the passwords are kept: a directory formatted before without it was formatted without security. */
    static Path credentialsFile(Path dataDir) {
        return dataDir.resolve("credentials.properties");
    }

    void addTo(Properties p, int brokerPort, int controllerPort) {
        String controller = BrokerSettings.CONTROLLER_LISTENER;
        p.put("listeners", LISTENER + "://127.0.0.1:" + brokerPort + "," + controller + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + brokerPort);
        p.put("inter.broker.listener.name", LISTENER);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL," + controller + ":SASL_SSL");
        p.put(listener(LISTENER) + "sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        // the broker reaches itself (transaction markers) as the administrator
        p.put(listener(LISTENER) + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + access.admin()
                        + "\" password=\"" + credentials.password(access.admin()) + "\";");
        // KRaft's controller cannot take SCRAM (its credentials live in the metadata it serves): PLAIN, over TLS
        p.put(listener(controller) + "sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put(listener(controller) + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER_USER
                        + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER_USER + "=\"" + controllerPassword + "\";");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keyStore.toString());
        p.put("ssl.keystore.password", keyStorePassword);
        p.put("ssl.key.password", keyStorePassword);
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", clients.caCertificate().toString());
        p.put("authorizer.class.name", AUTHORIZER);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + access.admin() + ";User:" + CONTROLLER_USER);
    }

    /** The administrator's SCRAM credential, which must be in the metadata before anyone can connect to add others. */
    List<String> scramArguments() {
        return List.of(MECHANISM + "=[name=" + access.admin() + ",password=" + credentials.password(access.admin()) + "]");
    }

    BrokerAccess access() {
        return access;
    }

    String password(String user) {
        return credentials.password(user);
    }

    ClientFiles clients() {
        return clients;
    }

    /** How {@code user} reaches the broker at {@code bootstrapServers}. */
    KafkaSettings clientSettings(String user, String bootstrapServers) {
        return KafkaSettings.of(java.util.Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers,
                KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.SASL_MECHANISM, MECHANISM,
                KafkaSettings.SASL_USERNAME, user,
                KafkaSettings.SASL_PASSWORD, credentials.password(user),
                KafkaSettings.SSL_CA_FILE, clients.caCertificate().toString()));
    }

    /** {@code <user>.properties} for the administrator and every user, beside the authority's certificate. */
    void writeClientFiles(String bootstrapServers) {
        clientSettings(access.admin(), bootstrapServers).write(clients.settings(access.admin()),
                "the broker's administrator: a super user");
        for (String user : access.users()) {
            clientSettings(user, bootstrapServers).write(clients.settings(user), "Kafka access of " + user);
        }
    }

    private static String listener(String name) {
        return "listener.name." + name.toLowerCase() + ".";
    }
}
