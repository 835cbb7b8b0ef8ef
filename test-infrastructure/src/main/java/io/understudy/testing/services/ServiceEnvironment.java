package io.understudy.testing.services;

import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.RuntimeApiCertificates;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables that point every service at the suite's broker, registry, moto and instance ports, and
 * give proxy-configurator its runtime API client certificate.
 */
public final class ServiceEnvironment {
    private ServiceEnvironment() {
    }

    /** A mutable map: a test adds what its scenario needs. */
    public static Map<String, String> of(Infrastructure infrastructure, InstancePorts ports, Path workDir) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
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
        environment.put("UNDERSTUDY_STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
        return environment;
    }
}
