package io.understudy.testing.iam;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyTest {

    @Test
    void actionsAreFoundInClientCallsPaginatorsAndWaiters() throws Exception {
        Path sources = Files.createDirectories(Path.of("target", "iam-policy-test", "src"));
        Files.writeString(sources.resolve("Fleet.java"), """
                class Fleet {
                    void go() {
                        ec2.stopInstances(r -> r.instanceIds("i-1"));
                        ec2 .describeInstanceStatusPaginator(r -> r.maxResults(5));
                        waiter.waitUntilVolumeAvailable(r -> r.volumeIds("vol-1"));
                        waiter.waitUntilSystemStatusOk(r -> r.instanceIds("i-1"));
                        ec2.close();
                        notEc2.terminateInstances(r -> r);
                    }
                }
                """);

        assertThat(IamPolicy.actionsNamedIn(sources))
                .containsExactly("DescribeInstanceStatus", "DescribeVolumes", "StopInstances");
    }
}
