package io.understudy.kafka;

import io.understudy.certificates.CertificateAuthority;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLEngine;
import javax.security.auth.login.AppConfigurationEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the kafka.* settings become in a Kafka client's configuration, and what they refuse; no broker needed. */
class KafkaAccessTest {
    private static final String BROKERS = "broker-1:9093,broker-2:9093";

    @TempDir
    Path dir;

    private static KafkaAccess access(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, BROKERS));
        all.putAll(settings);
        return KafkaSettings.of(all).access();
    }

    @Test
    void theBrokersAloneArePlaintext() {
        assertThat(access(Map.of()).clientConfig()).containsOnly(
                Map.entry("bootstrap.servers", BROKERS), Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void aUserNameAndPasswordLogInWithScramSha512ByDefault() {
        Map<String, Object> config = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.SASL_USERNAME, "provisioner", KafkaSettings.SASL_PASSWORD, "s3cret")).clientConfig();

        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKeys("sasl.username", "sasl.password");
        AppConfigurationEntry login = login(config);
        assertThat(login.getLoginModuleName()).isEqualTo(ScramLoginModule.class.getName());
        assertThat(login.getOptions().get("username")).isEqualTo("provisioner");
        assertThat(login.getOptions().get("password")).isEqualTo("s3cret");
    }

    @Test
    void quotesAndBackslashesInAPasswordSurviveKafkasParsingOfTheJaasLine() {
        String password = "a\"b\\c d;e=f'";

        Map<String, Object> config = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.SASL_USERNAME, "operator", KafkaSettings.SASL_PASSWORD, password)).clientConfig();

        assertThat(login(config).getOptions().get("password")).isEqualTo(password);
    }

    @Test
    void scramSha256AndPlainTakeTheirOwnLoginModules() {
        Map<String, Object> scram256 = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "sasl_ssl", KafkaSettings.SASL_MECHANISM,
                "scram-sha-256", KafkaSettings.SASL_USERNAME, "u", KafkaSettings.SASL_PASSWORD, "p")).clientConfig();
        Map<String, Object> plain = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL", KafkaSettings.SASL_MECHANISM,
                "PLAIN", KafkaSettings.SASL_USERNAME, "u", KafkaSettings.SASL_PASSWORD, "p")).clientConfig();

        assertThat(scram256).containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("security.protocol", "SASL_SSL");
        assertThat(login(scram256).getLoginModuleName()).isEqualTo(ScramLoginModule.class.getName());
        assertThat(plain).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(login(plain).getLoginModuleName()).isEqualTo(PlainLoginModule.class.getName());
    }

    @Test
    void kafkasOwnJaasLineAndEveryOtherClientSettingPassThroughButMicronautsOwnDoNot() {
        String jaas = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;";

        Map<String, Object> config = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.SASL_MECHANISM, "OAUTHBEARER", KafkaSettings.SASL_JAAS_CONFIG, jaas,
                "kafka.client.dns.lookup", "use_all_dns_ips", "kafka.ssl.endpoint.identification.algorithm", "",
                "kafka.health.restricted", "true", "kafka.consumers.default.max.poll.records", "1")).clientConfig();

        assertThat(config).containsEntry("sasl.jaas.config", jaas).containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("client.dns.lookup", "use_all_dns_ips").containsEntry("ssl.endpoint.identification.algorithm", "")
                .doesNotContainKeys("health.restricted", "consumers.default.max.poll.records");
    }

    @Test
    void aPemCaFileBecomesAPemTrustStore() {
        Path ca = dir.resolve("ca.pem");
        CertificateAuthority.create("test-ca").writeCertificate(ca);

        Map<String, Object> config = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SSL",
                KafkaSettings.SSL_CA_FILE, ca.toString())).clientConfig();

        assertThat(config).containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString())
                .doesNotContainKey("ssl.ca.file");
    }

    @Test
    void pemFilesOfACertificateAndItsKeyMakeAKeyStoreKafkaTakesForMutualTls() {
        CertificateAuthority authority = CertificateAuthority.create("test-ca");
        Path ca = dir.resolve("ca.pem");
        authority.writeCertificate(ca);
        authority.issue("ip-manager", List.of(), CertificateAuthority.Usage.CLIENT)
                .writePem(dir.resolve("client.pem"), dir.resolve("client.key"));

        Map<String, Object> config = access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SSL", KafkaSettings.SSL_CA_FILE, ca.toString(),
                KafkaSettings.SSL_CERTIFICATE_FILE, dir.resolve("client.pem").toString(),
                KafkaSettings.SSL_KEY_FILE, dir.resolve("client.key").toString())).clientConfig();

        assertThat(config).containsEntry("ssl.keystore.type", "PEM");
        assertThat((String) config.get("ssl.keystore.certificate.chain")).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat((String) config.get("ssl.keystore.key")).startsWith("-----BEGIN PRIVATE KEY-----");
        // Kafka's own SSL engine factory loads both stores: what a client would do on its first connection
        try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
            factory.configure(kafkaTypes(config));
            SSLEngine engine = factory.createClientSslEngine("127.0.0.1", 9093, "https");
            assertThat(engine.getUseClientMode()).isTrue();
            assertThat(factory.keystore()).isNotNull();
            assertThat(factory.truststore()).isNotNull();
        }
    }

    @Test
    void describingItNamesTheUserAndWhatIsTrustedButNeverThePassword() {
        Path ca = dir.resolve("ca.pem");
        CertificateAuthority.create("test-ca").writeCertificate(ca);
        Map<String, String> settings = Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL", KafkaSettings.SASL_USERNAME,
                "health-monitor", KafkaSettings.SASL_PASSWORD, "do-not-print-me", KafkaSettings.SSL_CA_FILE, ca.toString());

        KafkaAccess access = access(settings);

        assertThat(access.describe()).isEqualTo("SASL_SSL to " + BROKERS + ", as health-monitor (SCRAM-SHA-512), "
                + "trusting the certificate authorities in " + ca);
        assertThat(access.toString()).doesNotContain("do-not-print-me");
        assertThat(KafkaSettings.of(settings).toString()).doesNotContain("do-not-print-me").contains("kafka.sasl.username=health-monitor");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatIsWrong() {
        Path ca = dir.resolve("ca.pem");
        CertificateAuthority.create("test-ca").writeCertificate(ca);

        assertThatThrownBy(() -> KafkaSettings.of(Map.of()).access())
                .hasMessageContaining("kafka.bootstrap.servers is not set");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "TLS")))
                .hasMessage("kafka.security.protocol is TLS, not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL")))
                .hasMessageContaining("SASL_SSL, which needs kafka.sasl.username and kafka.sasl.password");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL", KafkaSettings.SASL_USERNAME, "u")))
                .hasMessageContaining("go together: the password is missing");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SASL_USERNAME, "u", KafkaSettings.SASL_PASSWORD, "p")))
                .hasMessageContaining("kafka.security.protocol is PLAINTEXT: a user name and password need SASL_SSL");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL", KafkaSettings.SASL_USERNAME, "u",
                KafkaSettings.SASL_PASSWORD, "p", KafkaSettings.SASL_JAAS_CONFIG, "x required;")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL", KafkaSettings.SASL_MECHANISM, "GSSAPI",
                KafkaSettings.SASL_USERNAME, "u", KafkaSettings.SASL_PASSWORD, "p")))
                .hasMessageContaining("SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SSL_CA_FILE, ca.toString())))
                .hasMessageContaining("kafka.security.protocol is PLAINTEXT: certificates are for SSL or SASL_SSL");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SSL", KafkaSettings.SSL_CA_FILE, dir.resolve("none.pem").toString())))
                .hasMessageContaining("which is not a readable file");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SSL", KafkaSettings.SSL_CA_FILE, ca.toString(),
                "kafka.ssl.truststore.location", ca.toString())))
                .hasMessage("set either kafka.ssl.ca.file or kafka.ssl.truststore.location, not both");
        assertThatThrownBy(() -> access(Map.of(KafkaSettings.SECURITY_PROTOCOL, "SSL", KafkaSettings.SSL_CERTIFICATE_FILE, ca.toString())))
                .hasMessageContaining("go together: the key is missing");
    }

    @Test
    void theClientConfigurationIsACopyACallerMayChange() {
        KafkaAccess access = access(Map.of());

        access.clientConfig().put("group.id", "mine");

        assertThat(access.clientConfig()).doesNotContainKey("group.id");
    }

    private static AppConfigurationEntry login(Map<String, Object> config) {
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password((String) config.get("sasl.jaas.config")))).configurationEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** Kafka parses its configuration before an SSL engine factory sees it: PEM texts are passwords by then. */
    private static Map<String, ?> kafkaTypes(Map<String, Object> config) {
        return new org.apache.kafka.clients.producer.ProducerConfig(withSerializers(config)).values();
    }

    private static Map<String, Object> withSerializers(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        all.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        return all;
    }
}
