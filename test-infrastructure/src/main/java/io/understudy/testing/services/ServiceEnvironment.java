package io.understudy.testing.services;

import io.understudy.schemas.access.Principal;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.OperatorCertificates;
import io.understudy.testing.RuntimeApiCertificates;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables that point every service at the suite's broker, registry, moto and instance ports, and
 * give proxy-configurator its runtime API client certificate and the orchestrator the operators' authority.
 */
public final class ServiceEnvironment {
    private ServiceEnvironment() {
    }

    /**
     * A mutable map: a test adds what its scenario needs. No Kafka access: each service gets its own principal's
     * ({@link #forModule}), without which it reaches no broker, since the suite's takes none but its principals.
     */
    public static Map<String, String> of(Infrastructure infrastructure, InstancePorts ports, Path workDir) {
        Map<String, String> environment = new HashMap<>();
        environment.put("UNDERSTUDY_SCHEMA_REGISTRY_URL", infrastructure.registryUrl());
        environment.put("UNDERSTUDY_EC2_ENDPOINT", infrastructure.ec2Endpoint());
        environment.put("UNDERSTUDY_EC2_REGION", "us-east-1");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "understudy-test");
        environment.put("AWS_SECRET_ACCESS_KEY", "understudy-test");
        environment.put("UNDERSTUDY_PROXY_ADMIN_PORT", String.valueOf(ports.admin()));
        environment.put("UNDERSTUDY_PROXY_APP_PORT", String.valueOf(ports.app()));
        // the only client certificate of the instances' runtime API, which AppInstance serves over mutual TLS
        environment.putAll(RuntimeApiCertificates.get().proxyConfiguratorEnvironment());
        // the orchestrator acts on operator commands signed by the suite's operators (TopicRecords signs as one)
        environment.putAll(OperatorCertificates.get().orchestratorEnvironment());
        environment.put("UNDERSTUDY_STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
        return environment;
    }

    /**
     * {@code environment} with the Kafka access of the module's own principal ({@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code KAFKA_SASL_USERNAME}, ...): what an operator gives each service, and no other's.
     */
    public static Map<String, String> forModule(Map<String, String> environment, Infrastructure infrastructure, String module) {
        Principal principal = Principal.ofService(module).orElseThrow(() -> new IllegalArgumentException(
                module + " is not a service with a Kafka principal of its own: see Principal"));
        Map<String, String> own = new HashMap<>(environment);
        own.putAll(infrastructure.kafkaSettings(principal).asEnvironment());
        return own;
    }
}
