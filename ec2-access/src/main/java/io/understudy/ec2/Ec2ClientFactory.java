package io.understudy.ec2;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.understudy.ec2.throttle.ApiRateLimiter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

import java.net.URI;

/**
 * The one EC2 client of a service. Production, moto and the sandbox differ only in {@code understudy.ec2.endpoint};
 * credentials come from the default chain everywhere. Two brakes against throttling: the client-side token
 * buckets keep the service under EC2's limits in the first place (shared by every takeover the service runs),
 * and adaptive retries slow the client down further when EC2 answers RequestLimitExceeded anyway (other tools
 * in the same account draw from the same EC2 buckets).
 */
@Factory
public class Ec2ClientFactory {
    private static final Logger LOG = LoggerFactory.getLogger(Ec2ClientFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public Ec2Client ec2Client(Ec2Settings settings, ApiRateLimiter limiter) {
        return build(settings, limiter);
    }

    @Singleton
    public ApiRateLimiter apiRateLimiter(Ec2Settings settings) {
        return ApiRateLimiter.fromSettings(settings.getRateLimits());
    }

    @Singleton
    public Waits waits(Ec2Settings settings) {
        return new Waits(settings.getPollInterval());
    }

    /** The client as a service builds it; tests use this too, so they exercise the same limiter and retries. */
    public static Ec2Client build(Ec2Settings settings, ApiRateLimiter limiter) {
        Region region = RegionChoice.choose(settings.getRegion(), () -> DefaultAwsRegionProviderChain.builder().build().getRegion());
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c
                        .retryStrategy(Ec2Retries.adaptive(settings.getMaxAttempts()))
                        .addExecutionInterceptor(limiter)
                        .apiCallTimeout(settings.getApiCallTimeout()));
        if (!settings.getEndpoint().isEmpty()) {
            builder.endpointOverride(URI.create(settings.getEndpoint()));
        }
        LOG.info("EC2 in {} at {}, at most {} attempts a call", region,
                settings.getEndpoint().isEmpty() ? "AWS" : settings.getEndpoint(), settings.getMaxAttempts());
        return builder.build();
    }
}
