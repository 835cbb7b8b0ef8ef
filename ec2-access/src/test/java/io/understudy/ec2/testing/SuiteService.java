package io.understudy.ec2.testing;

import io.understudy.schemas.access.Principal;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.services.Management;

import java.util.Map;

/** How an EC2-facing service runs in-process against the suite's broker, registry and moto. */
public final class SuiteService {
    private SuiteService() {
    }

    /**
     * Its settings; AWS credentials come through the SDK's default chain, as in production. On Kafka it acts as the
     * broker's administrator, like every test client: the services' own principals are shown in the system tests.
     */
    public static Map<String, Object> properties(Infrastructure infrastructure) {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Map<String, Object> properties = infrastructure.kafkaProperties(Principal.ADMIN);
        properties.putAll(Map.of(
                "micronaut.server.port", -1,
                "understudy.schema-registry.url", infrastructure.registryUrl(),
                "understudy.ec2.endpoint", infrastructure.ec2Endpoint(),
                "understudy.ec2.region", "us-east-1",
                "understudy.ec2.poll-interval", "100ms",
                Management.PROPERTY, Management.CREDENTIALS.userInfo()));
        return properties;
    }
}
