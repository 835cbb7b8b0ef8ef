package io.understudy.ec2.testing;

import io.understudy.testing.Infrastructure;

import java.util.Map;

/** How an EC2-facing service runs in-process against the suite's broker, registry and moto. */
public final class SuiteService {
    private SuiteService() {
    }

    /** Its settings; credentials come through the SDK's default chain, as in production. */
    public static Map<String, Object> properties(Infrastructure infrastructure) {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        return Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap.servers", infrastructure.bootstrapServers(),
                "understudy.schema-registry.url", infrastructure.registryUrl(),
                "understudy.ec2.endpoint", infrastructure.ec2Endpoint(),
                "understudy.ec2.region", "us-east-1",
                "understudy.ec2.poll-interval", "100ms");
    }
}
