package io.understudy.ec2;

import io.micronaut.context.ApplicationContext;
import io.understudy.ec2.throttle.ApiBucket;
import io.understudy.ec2.throttle.ApiRateLimiter;
import io.understudy.ec2.throttle.BucketLimit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ServiceClientConfiguration;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2ClientFactoryTest {

    @Test
    void anEndpointOverridePointsTheClientElsewhere() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "understudy.ec2.endpoint", "http://127.0.0.1:5999",
                "understudy.ec2.region", "eu-central-1",
                "understudy.ec2.poll-interval", "250ms"))) {
            Ec2ServiceClientConfiguration config = context.getBean(Ec2Client.class).serviceClientConfiguration();

            assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:5999"));
            assertThat(config.region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(context.getBean(Waits.class).pollInterval()).isEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void rateLimitsAndAttemptsComeFromConfiguration() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "understudy.ec2.region", "us-west-2",
                "understudy.ec2.max-attempts", "12",
                "understudy.ec2.rate-limits.run-instances", "10/2",
                "understudy.ec2.rate-limits.mutating", "40/4"))) {
            ApiRateLimiter limiter = context.getBean(ApiRateLimiter.class);

            assertThat(limiter.limit(ApiBucket.RUN_INSTANCES)).isEqualTo(new BucketLimit(10, 2));
            assertThat(limiter.limit(ApiBucket.MUTATING)).isEqualTo(new BucketLimit(40, 4));
            assertThat(limiter.limit(ApiBucket.NON_MUTATING)).isEqualTo(ApiBucket.NON_MUTATING.awsDefault());
            assertThat(context.getBean(Ec2Client.class).serviceClientConfiguration().overrideConfiguration()
                    .retryStrategy()).hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(12));
        }
    }

    @Test
    void anEmptyEndpointMeansAwsItself() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "understudy.ec2.endpoint", "", "understudy.ec2.region", "us-west-2"))) {
            Ec2ServiceClientConfiguration config = context.getBean(Ec2Client.class).serviceClientConfiguration();

            assertThat(config.endpointOverride()).isEmpty();
            assertThat(config.region()).isEqualTo(Region.US_WEST_2);
            assertThat(config.overrideConfiguration().retryStrategy()).isPresent();
        }
    }
}
