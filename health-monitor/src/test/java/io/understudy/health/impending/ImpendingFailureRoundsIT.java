package io.understudy.health.impending;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.ImpendingFailure;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;
import io.understudy.ec2.Ec2ClientFactory;
import io.understudy.ec2.Ec2Settings;
import io.understudy.ec2.throttle.ApiRateLimiter;
import io.understudy.health.aws.Ec2InstanceStatuses;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.faults.Faults;
import io.understudy.testing.faults.FaultyEc2Proxy;
import io.understudy.testing.TopicRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch against the real broker, registry and moto. moto reports no scheduled events and fixed status checks,
 * so the proxy adds an instance-retirement event to moto's real DescribeInstanceStatus answer; what is shown is the
 * path from EC2's XML through the SDK to an ImpendingFailure on the health topic.
 */
class ImpendingFailureRoundsIT {
    private static final Instant RETIREMENT = Instant.parse("2026-12-01T10:00:00Z");
    private static FaultyEc2Proxy proxy;
    private static Ec2Client understudyEc2;
    private static ImpendingFailureRounds rounds;

    @BeforeAll
    static void start() {
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        proxy = FaultyEc2Proxy.start(infrastructure.ec2Endpoint(), Faults.none());
        Ec2Settings settings = new Ec2Settings();
        settings.setEndpoint(proxy.endpoint());
        settings.setRegion(Infrastructure.REGION.id());
        understudyEc2 = Ec2ClientFactory.build(settings, ApiRateLimiter.awsDefaults());
        rounds = new ImpendingFailureRounds(
                ImpendingFailureWatch.watched(infrastructure.kafkaSettings(Principal.HEALTH_MONITOR).access(), infrastructure.registryUrl()),
                new Ec2InstanceStatuses(understudyEc2),
                ImpendingFailureWatch.publisher(infrastructure.kafkaSettings(Principal.HEALTH_MONITOR).access(), infrastructure.registryUrl()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        rounds.close();
        understudyEc2.close();
        proxy.close();
    }

    private static String launch() {
        return Infrastructure.get().ec2().runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
    }

    private static Instance instance(String id, Role role) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setPrivateAddress("10.0.0.1")
                .setAvailabilityZone("us-east-1a").setStackVersion("stack-7").setImageId("ami-12c6146b")
                .setStatus(InstanceStatus.RUNNING).build();
    }

    private static void watch(String environment, Instance... instances) {
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(environment, EnvironmentState.newBuilder()
                .setEnvironmentId(environment).setStackVersion("stack-7").setImageId("ami-12c6146b")
                .setElasticIp(ElasticIp.newBuilder().setAllocationId("eipalloc-1").setPublicIp("203.0.113.7").build())
                .setRequiredCapacity(1).setInstances(List.of(instances)).setUpdatedAt(Instant.now()).build());
    }

    private static String retirementOf(String instanceId, String xml) {
        return xml.replace("<instanceId>" + instanceId + "</instanceId>", "<instanceId>" + instanceId + "</instanceId>"
                + "<eventsSet><item><instanceEventId>instance-event-0123456789abcdef0</instanceEventId>"
                + "<code>instance-retirement</code><description>The instance is running on degraded hardware</description>"
                + "<notBefore>2026-12-01T10:00:00.000Z</notBefore></item></eventsSet>");
    }

    @Test
    void aScheduledRetirementOfAWatchedInstanceBecomesOneImpendingFailure() {
        String environment = "shop-" + UUID.randomUUID();
        String master = launch();
        String slave = launch();
        proxy.rewriteAnswers("DescribeInstanceStatus", xml -> retirementOf(master, xml));
        watch(environment, instance(master, Role.APP_MASTER), instance(slave, Role.APP_SLAVE));

        // rounds announce nothing until the watch has read the environment's state, then the retirement once
        List<Impending> announced = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> announced.addAll(rounds.round()));
        List<Impending> again = rounds.round();
        proxy.stopRewriting("DescribeInstanceStatus");

        assertThat(announced).extracting(Impending::instanceId).containsExactly(master);
        assertThat(again).isEmpty();
        ImpendingFailure event = (ImpendingFailure) TopicRecords.of(Topic.HEALTH_EVENTS)
                .await(seen -> seen.stream().anyMatch(r -> environment.equals(r.key())), Duration.ofSeconds(30))
                .stream().filter(r -> environment.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(event.getInstanceId()).isEqualTo(master);
        assertThat(event.getNotBefore()).isEqualTo(RETIREMENT);
        assertThat(event.getReason()).contains("instance-retirement").contains("degraded hardware");
        assertThat(event.getMeta().getEnvironmentId()).isEqualTo(environment);
    }

    @Test
    void anInstanceNoEnvironmentWatchesIsNoneOfItsBusiness() {
        String stranger = launch();
        proxy.rewriteAnswers("DescribeInstanceStatus", xml -> retirementOf(stranger, xml));

        List<Impending> announced = rounds.round();
        proxy.stopRewriting("DescribeInstanceStatus");

        assertThat(announced).extracting(Impending::instanceId).doesNotContain(stranger);
    }
}
