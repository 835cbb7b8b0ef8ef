package io.understudy.testing.faults;

import io.understudy.testing.Infrastructure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy itself, with an SDK client that does not retry, so every answer the proxy gives is seen as given. */
class FaultyEc2ProxyIT {

    private static Ec2Client client(FaultyEc2Proxy proxy) {
        return Ec2Client.builder().region(Infrastructure.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(proxy.endpoint()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void withoutFaultsEc2AnswersThroughIt() {
        try (FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), Faults.none());
             Ec2Client ec2 = client(proxy)) {
            ec2.describeVolumes();

            assertThat(proxy.exchanges()).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("DescribeVolumes");
                assertThat(e.answer()).isEqualTo(Exchange.Answer.FORWARDED);
            });
        }
    }

    @Test
    void throttledCallsGetEc2sErrorAndNeverReachIt() {
        try (FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(),
                new Faults(1.0, 0, 0, Duration.ZERO, 1)); Ec2Client ec2 = client(proxy)) {
            assertThatThrownBy(() -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(proxy.reachedEc2("CreateVolume")).isZero();
        }
    }

    @Test
    void aHookAfterAnActionRunsOnceWithTheEffectDoneAndTheAnswerNotYetGiven() {
        Ec2Client moto = Infrastructure.get().ec2();
        AtomicBoolean answered = new AtomicBoolean();
        List<String> seenByHook = new CopyOnWriteArrayList<>();
        try (FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), Faults.none());
             Ec2Client ec2 = client(proxy)) {
            String tag = "hook-" + System.nanoTime();
            proxy.onceAfter("CreateVolume", () -> seenByHook.add(answered.get() + " "
                    + moto.describeVolumes(r -> r.filters(f -> f.name("tag:test").values(tag))).volumes().size()));

            for (int i = 0; i < 2; i++) {
                ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                        .tagSpecifications(t -> t.resourceType("volume").tags(k -> k.key("test").value(tag))));
                answered.set(true);
            }

            assertThat(seenByHook).as("not yet answered, one volume made").containsExactly("false 1");
        }
    }

    @Test
    void toldFailuresMatchOnTheRequestsParameters() {
        try (FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), Faults.none());
             Ec2Client ec2 = client(proxy)) {
            proxy.failWhen("CreateVolume", form -> form.contains("Size=3"), "InsufficientVolumeCapacity", 500);

            assertThatThrownBy(() -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(3)))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientVolumeCapacity"));
            ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(4));

            assertThat(proxy.reachedEc2("CreateVolume")).isEqualTo(1);
        }
    }

    @Test
    void theBusiestWindowCountsRequestsWithinIt() {
        try (FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), Faults.none());
             Ec2Client ec2 = client(proxy)) {
            for (int i = 0; i < 5; i++) {
                ec2.describeVolumes();
            }

            assertThat(proxy.busiestWindow(Set.of("DescribeVolumes"), Duration.ofMinutes(1))).isEqualTo(5);
            assertThat(proxy.busiestWindow(Set.of("DescribeVolumes"), Duration.ofNanos(1))).isEqualTo(1);
            assertThat(proxy.busiestWindow(Set.of("RunInstances"), Duration.ofMinutes(1))).isZero();
        }
    }
}
