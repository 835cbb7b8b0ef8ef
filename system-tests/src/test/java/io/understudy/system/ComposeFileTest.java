package io.understudy.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml hands AWS credentials to exactly the services that call EC2 (the modules built on ec2-access),
 * passes temporary credentials through, and holds no credential itself.
 */
class ComposeFileTest {
    private static final List<String> SERVICES = List.of("takeover-orchestrator", "health-monitor", "ip-manager",
            "volume-manager", "proxy-configurator", "provisioner");
    private static final List<String> CREDENTIALS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    @Test
    void awsCredentialsGoOnlyToTheServicesThatCallEc2() throws IOException {
        Map<String, Map<String, Object>> environments = environments();
        List<String> withCredentials = SERVICES.stream()
                .filter(service -> environments.get(service).keySet().stream().anyMatch(CREDENTIALS::contains)).toList();

        assertThat(withCredentials).isEqualTo(SERVICES.stream().filter(ComposeFileTest::callsEc2).toList())
                .hasSize(4);
    }

    @Test
    void credentialsArePassedThroughFromTheHostNeverWrittenHere() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : environments().entrySet()) {
            Map<String, Object> environment = service.getValue();
            if (environment.containsKey("AWS_ACCESS_KEY_ID")) {
                assertThat(environment).as(service.getKey()).containsKeys(CREDENTIALS.toArray(String[]::new));
                CREDENTIALS.forEach(key -> assertThat(environment.get(key))
                        .as(key + " of " + service.getKey() + ": unset on the host must stay unset, so an instance role works")
                        .isNull());
            }
        }
    }

    @Test
    void everyServiceListensBeyondItsContainerAndTakesItsManagementCredentialsFromTheHost() throws IOException {
        Map<String, Map<String, Object>> environments = environments(Stream.concat(SERVICES.stream(), Stream.of("registry")).toList());

        environments.forEach((service, environment) -> {
            // a service's own default is loopback, which nothing outside a container reaches
            assertThat(environment).as(service).containsEntry("MICRONAUT_SERVER_HOST", "0.0.0.0");
            assertThat(environment).as(service + ": unset on the host, refused to everyone; never written here")
                    .containsEntry("UNDERSTUDY_MANAGEMENT_CREDENTIALS", null);
        });
    }

    @Test
    void proxyConfiguratorGetsItsRuntimeApiCertificateWithoutWhichItDoesNotStart() throws IOException {
        Map<String, Object> environment = environments(List.of("proxy-configurator")).get("proxy-configurator");

        assertThat(environment).containsKeys("UNDERSTUDY_PROXY_TLS_CA", "UNDERSTUDY_PROXY_TLS_CERTIFICATE", "UNDERSTUDY_PROXY_TLS_KEY")
                .as("what every service shares still reaches it").containsEntry("MICRONAUT_SERVER_HOST", "0.0.0.0")
                .containsKey("UNDERSTUDY_SCHEMA_REGISTRY_URL");
        assertThat(environment.get("UNDERSTUDY_PROXY_TLS_KEY").toString()).startsWith("/etc/understudy/runtime-api/");
    }

    private static boolean callsEc2(String service) {
        try {
            return Files.readString(Repository.root().resolve(service).resolve("pom.xml"))
                    .contains("<artifactId>ec2-access</artifactId>");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Map<String, Object>> environments() throws IOException {
        return environments(SERVICES);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> environments(List<String> names) throws IOException {
        Path compose = Repository.root().resolve("docker-compose.yml");
        Map<String, Object> file = new Yaml().load(Files.readString(compose));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) file.get("services");
        return names.stream().collect(Collectors.toMap(s -> s, s -> {
            Object environment = services.get(s).get("environment");
            return environment == null ? Map.of() : (Map<String, Object>) environment;
        }));
    }
}
