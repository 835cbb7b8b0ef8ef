package io.understudy.health.impending;

import io.understudy.ec2.Ec2ClientFactory;
import io.understudy.ec2.Ec2Settings;
import io.understudy.ec2.throttle.ApiRateLimiter;
import io.understudy.health.aws.Ec2InstanceStatuses;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.iam.Ec2ActionLog;
import io.understudy.testing.iam.IamPolicy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The EC2 actions of the impending-failure watch must be in ec2-access's least-privilege policy. */
class ImpendingIamPolicyIT {

    @Test
    void whatTheWatchSendsIsInThePolicy() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Ec2Settings settings = new Ec2Settings();
        settings.setEndpoint(Infrastructure.get().ec2Endpoint());
        settings.setRegion(Infrastructure.REGION.id());
        try (Ec2Client ec2 = Ec2ClientFactory.build(settings, ApiRateLimiter.awsDefaults())) {
            new Ec2InstanceStatuses(ec2).of(Set.of("i-0123456789abcdef0"));
        }

        assertThat(Ec2ActionLog.sent()).contains("DescribeInstanceStatus");
        assertThat(IamPolicy.allowedActions()).containsAll(Ec2ActionLog.sent());
    }

    @Test
    void whatTheWatchsCodeNamesIsInThePolicy() {
        assertThat(IamPolicy.actionsNamedIn(Path.of("src/main/java/io/understudy/health/aws")))
                .containsExactly("DescribeInstanceStatus")
                .allSatisfy(a -> assertThat(IamPolicy.allowedActions()).contains(a));
    }
}
