package io.understudy.proxy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.CorroborateFailure;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.ProxyServer;
import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;
import io.understudy.proxy.haproxy.RuntimeApiTlsSettings;
import io.understudy.proxy.opinion.SecondOpinionSettings;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.AppInstance;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.RuntimeApiCertificates;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.Management;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole service: a ConfigureProxy on Kafka reconfigures a real HAProxy over mutual TLS with the service's client
 * certificate, a CorroborateFailure asks a real instance for its health, and a result comes back.
 */
class ProxyConfiguratorServiceIT {
    private static final String MASTER = "127.61.3.4";
    private static final String SLAVE = "127.61.3.5";
    private static final String KILLED = "127.61.3.6";
    private static final InstancePorts PORTS = InstancePorts.pickFree();

    private static AppInstance master;
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        Infrastructure infrastructure = Infrastructure.get();
        master = AppInstance.start(Infrastructure.workDir("master"), MASTER, PORTS);
        // the names the system test uses: UNDERSTUDY_PROXY_ADMIN_PORT, UNDERSTUDY_PROXY_APP_PORT, UNDERSTUDY_PROXY_TLS_*
        Map<String, Object> settings = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "understudy.schema-registry.url", infrastructure.registryUrl(),
                "understudy.proxy.admin-port", PORTS.admin(),
                "understudy.proxy.app-port", PORTS.app(),
                "understudy.proxy.second-opinion.between-attempts", "50ms",
                Management.PROPERTY, Management.CREDENTIALS.userInfo()));
        settings.putAll(tlsSettings());
        // on Kafka as deployed: proxy-configurator's own principal
        settings.putAll(infrastructure.kafkaProperties(Principal.PROXY_CONFIGURATOR));
        context = ApplicationContext.run(EmbeddedServer.class, settings).getApplicationContext();
    }

    private static Map<String, Object> withKafka(Map<String, Object> settings) {
        Map<String, Object> all = Infrastructure.get().kafkaProperties(Principal.PROXY_CONFIGURATOR);
        all.putAll(settings);
        return all;
    }

    private static Map<String, Object> tlsSettings() {
        ClientPemFiles files = RuntimeApiCertificates.get().proxyConfiguratorFiles();
        return Map.of("understudy.proxy.tls.ca", files.authority().toString(),
                "understudy.proxy.tls.certificate", files.certificate().toString(),
                "understudy.proxy.tls.key", files.key().toString());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aCommandOnKafkaConfiguresTheInstancesHaproxy() {
        String commandId = "cmd-" + UUID.randomUUID();
        EventMetadata meta = new EventMetadata(commandId, "env-proxy", "takeover-1", null, Instant.now(), "test");

        TopicRecords.of(Topic.PROXY_COMMANDS).send("env-proxy", new ConfigureProxy(meta, "i-master", MASTER,
                List.of(new ProxyServer("i-master", MASTER), new ProxyServer("i-slave", SLAVE))));

        CommandResult result = CommandAnswers.awaitFirst(commandId, Duration.ofSeconds(60));
        assertThat(result.getOutcome()).as(result.getError()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getOutputs()).containsEntry("servers", "i-master,i-slave").containsEntry("previousServers", "");
        assertThat(master.runtime().serversState("app")).extracting(ServerState::name, ServerState::address, ServerState::port)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("i-master", MASTER, PORTS.app()),
                        org.assertj.core.groups.Tuple.tuple("i-slave", SLAVE, PORTS.app()));
    }

    @Test
    void aSecondOpinionOnKafkaRefutesTheFailureOfAnInstanceThatAnswers() {
        String commandId = "cmd-" + UUID.randomUUID();
        EventMetadata meta = new EventMetadata(commandId, "env-proxy", "takeover-2", null, Instant.now(), "test");

        TopicRecords.of(Topic.PROXY_COMMANDS).send("env-proxy", new CorroborateFailure(meta, "i-master", MASTER));

        CommandResult result = CommandAnswers.awaitFirst(commandId, Duration.ofSeconds(60));
        assertThat(result.getOutcome()).as(result.getError()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getMeta().getProducer()).isEqualTo("proxy-configurator");
        assertThat(result.getOutputs()).containsEntry("verdict", "refuted");
        assertThat(result.getOutputs().get("evidence")).contains(master.appUrl("/health")).contains("answered 200");
    }

    @Test
    void aSecondOpinionOnKafkaConfirmsTheFailureOfAKilledInstance() {
        AppInstance killed = AppInstance.start(Infrastructure.workDir("killed"), KILLED, PORTS);
        killed.kill();
        String commandId = "cmd-" + UUID.randomUUID();
        EventMetadata meta = new EventMetadata(commandId, "env-proxy", "takeover-3", null, Instant.now(), "test");

        TopicRecords.of(Topic.PROXY_COMMANDS).send("env-proxy", new CorroborateFailure(meta, "i-killed", KILLED));

        CommandResult result = CommandAnswers.awaitFirst(commandId, Duration.ofSeconds(60));
        assertThat(result.getOutcome()).as(result.getError()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getOutputs()).containsEntry("verdict", "confirmed");
        assertThat(result.getOutputs().get("evidence")).contains(killed.appUrl("/health"))
                .contains("attempt 1 connection refused").contains("attempt 2 connection refused");
    }

    @Test
    void healthAndPrometheusAnswer() throws Exception {
        int port = context.getBean(EmbeddedServer.class).getPort();
        HttpResponse<String> health = Management.get(URI.create("http://127.0.0.1:" + port + "/health"), null);
        HttpResponse<String> prometheus = Management.get(URI.create("http://127.0.0.1:" + port + "/prometheus"));

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void withoutTheClientCertificateTheServiceDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(withKafka(Map.of("micronaut.server.port", -1,
                "understudy.schema-registry.url", Infrastructure.get().registryUrl()))).close())
                .rootCause()
                .hasMessageContaining("the instances' runtime API takes mutual TLS")
                .hasMessageContaining("UNDERSTUDY_PROXY_TLS_CA, UNDERSTUDY_PROXY_TLS_CERTIFICATE, UNDERSTUDY_PROXY_TLS_KEY")
                .hasMessageContaining("understudy.proxy.tls.enabled=false");
    }

    @Test
    void plaintextIsOnlyWhatIsAskedFor() {
        try (ApplicationContext plaintext = ApplicationContext.run(withKafka(Map.of("micronaut.server.port", -1,
                "understudy.schema-registry.url", Infrastructure.get().registryUrl(),
                "understudy.proxy.tls.enabled", false)))) {
            assertThat(plaintext.getBean(RuntimeApiAccess.class).plaintextOnly()).isTrue();
        }
        assertThat(context.getBean(RuntimeApiAccess.class).plaintextOnly()).as("the default").isFalse();
    }

    @Test
    void settingsComeFromConfiguration() {
        assertThat(context.getBean(ProxySettings.class))
                .isEqualTo(new ProxySettings(PORTS.admin(), PORTS.app(), "app", true, Duration.ofSeconds(3)));
        ClientPemFiles files = RuntimeApiCertificates.get().proxyConfiguratorFiles();
        assertThat(context.getBean(RuntimeApiTlsSettings.class)).isEqualTo(new RuntimeApiTlsSettings(true,
                files.authority().toString(), files.certificate().toString(), files.key().toString()));
        SecondOpinionSettings opinion = context.getBean(SecondOpinionSettings.class);
        assertThat(opinion.getPath()).isEqualTo("/health");
        assertThat(opinion.getTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(opinion.getAttempts()).isEqualTo(2);
        assertThat(opinion.getBetweenAttempts()).isEqualTo(Duration.ofMillis(50));
    }
}
