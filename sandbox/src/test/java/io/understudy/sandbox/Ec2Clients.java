package io.understudy.sandbox;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.net.URI;
import java.time.Duration;

/** The services' way to reach EC2: aws-sdk-java-v2 with an endpoint override, any credentials, us-east-1. */
final class Ec2Clients {
    private Ec2Clients() {
    }

    static Ec2Client client(String endpoint) {
        return Ec2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(endpoint))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** The SDK's waiters, polling every 100 ms for up to 30 s instead of every 15 s. */
    static Ec2Waiter waiter(Ec2Client ec2) {
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .waitTimeout(Duration.ofSeconds(30)).maxAttempts(300)
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100))).build()).build();
    }
}
