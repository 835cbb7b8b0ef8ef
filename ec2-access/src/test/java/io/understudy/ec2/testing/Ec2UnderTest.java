package io.understudy.ec2.testing;

import io.understudy.ec2.Ec2ClientFactory;
import io.understudy.ec2.Ec2Settings;
import io.understudy.ec2.throttle.ApiRateLimiter;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.faults.Faults;
import io.understudy.testing.faults.FaultyEc2Proxy;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.util.Map;

/**
 * The EC2 client exactly as a service builds it (limiter, adaptive retries, default credential chain), pointed
 * at a fault proxy in front of moto; the proxy also shows what was sent, such as parameters moto ignores.
 */
public record Ec2UnderTest(FaultyEc2Proxy proxy, ApiRateLimiter limiter, Ec2Client client) implements AutoCloseable {

    public static Ec2UnderTest start(Faults faults, Map<String, String> rateLimits, int maxAttempts) {
        // the service finds credentials through the SDK's default chain, as in production
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        FaultyEc2Proxy proxy = FaultyEc2Proxy.start(Infrastructure.get().ec2Endpoint(), faults);
        Ec2Settings settings = new Ec2Settings();
        settings.setEndpoint(proxy.endpoint());
        settings.setRegion(Infrastructure.REGION.id());
        settings.setMaxAttempts(maxAttempts);
        settings.setApiCallTimeout(Duration.ofSeconds(120));
        ApiRateLimiter limiter = ApiRateLimiter.fromSettings(rateLimits);
        return new Ec2UnderTest(proxy, limiter, Ec2ClientFactory.build(settings, limiter));
    }

    public static Ec2UnderTest faultless() {
        return start(Faults.none(), Map.of(), 3);
    }

    @Override
    public void close() {
        client.close();
        proxy.close();
    }
}
