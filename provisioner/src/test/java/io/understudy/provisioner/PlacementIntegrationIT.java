package io.understudy.provisioner;

import io.understudy.ec2.testing.Ec2UnderTest;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Role;
import io.understudy.contract.RunInstance;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.boot.RunInstanceHandler;
import io.understudy.provisioner.aws.Ec2Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.faults.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where replacements go: spread over the environment's subnet group, and into another zone when one has no
 * capacity. moto never runs out of capacity; the proxy answers InsufficientInstanceCapacity for one subnet.
 */
class PlacementIntegrationIT {
    private static Ec2Client ec2;
    private static Ec2UnderTest understudy;
    private static String subnetA;
    private static String subnetB;
    private static String outsider;

    private ProvisionerSettings settings;
    private String environment;

    @BeforeAll
    static void vpcWithASubnetGroup() {
        ec2 = Infrastructure.get().ec2();
        understudy = Ec2UnderTest.faultless();
        int x = ThreadLocalRandom.current().nextInt(16, 251);
        String vpc = ec2.createVpc(r -> r.cidrBlock("127." + x + ".0.0/16")).vpc().vpcId();
        String group = "app-" + UUID.randomUUID();
        subnetA = subnet(vpc, "127." + x + ".1.0/24", "us-east-1a", group);
        subnetB = subnet(vpc, "127." + x + ".2.0/24", "us-east-1b", group);
        // same VPC, another group (say, the database tier): never a place for an app instance
        outsider = subnet(vpc, "127." + x + ".3.0/24", "us-east-1c", "db-" + UUID.randomUUID());
    }

    private static String subnet(String vpc, String cidr, String zone, String group) {
        String id = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("understudy:subnet-group").value(group).build()));
        return id;
    }

    @AfterAll
    static void stop() {
        understudy.close();
    }

    @BeforeEach
    void provisioner() {
        settings = new ProvisionerSettings();
        settings.setBootTimeout(Duration.ofSeconds(20));
        environment = "shop-" + UUID.randomUUID();
    }

    private Outcome boot(String subnetId, String zone) {
        RunInstance command = RunInstance.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId("cmd-" + UUID.randomUUID()).setEnvironmentId(environment)
                        .setTakeoverId("t-1").setOccurredAt(Instant.now()).setProducer("test").build())
                .setImageId("ami-12c6146b").setStackVersion("stack-7").setAvailabilityZone(zone).setSubnetId(subnetId)
                .setRole(Role.APP_SLAVE).build();
        return new RunInstanceHandler(new Ec2Fleet(understudy.client(), new Waits(Duration.ofMillis(100))), settings).handle(command);
    }

    private void running(String subnetId) {
        ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(subnetId)
                .tagSpecifications(t -> t.resourceType("instance").tags(Tag.builder().key("understudy:environment").value(environment).build())));
    }

    @Test
    void aReplacementGoesToTheZoneWhereTheEnvironmentRunsFewest() {
        running(subnetA);
        running(subnetA);
        running(subnetB);

        Outcome outcome = boot(subnetA, "us-east-1a");

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("subnetId", subnetB).containsEntry("availabilityZone", "us-east-1b");
    }

    @Test
    void asCommandedKeepsTheCommandedZone() {
        settings.setPlacement("as-commanded");
        running(subnetA);

        Outcome outcome = boot(subnetA, "us-east-1a");

        assertThat(outcome.outputs()).containsEntry("subnetId", subnetA);
    }

    @Test
    void aZoneWithoutCapacitySendsTheReplacementToAnother() {
        settings.setPlacement("as-commanded");
        understudy.proxy().failWhen("RunInstances", form -> form.contains("SubnetId=" + subnetA)
                && form.contains(environment), "InsufficientInstanceCapacity", 500);

        Outcome outcome = boot(subnetA, "us-east-1a");

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("subnetId", subnetB).containsEntry("zonesWithoutCapacity", "us-east-1a");
        List<Exchange> launches = understudy.proxy().exchanges().stream()
                .filter(e -> e.action().equals("RunInstances") && e.form().contains(environment)).toList();
        assertThat(launches).last().satisfies(e -> assertThat(e.answer()).isEqualTo(Exchange.Answer.FORWARDED));
        assertThat(launches.stream().filter(Exchange::reachedEc2)).hasSize(1);
        // asked once in the full zone, not again and again by the SDK's retries: the next zone is the better try
        assertThat(launches.stream().filter(e -> e.answer() == Exchange.Answer.FAILED_AS_TOLD)).hasSize(1);
        // another request, another client token: EC2 refuses one token for two different requests
        assertThat(launches.get(0).form()).contains("ClientToken=cmd-").doesNotContain("@us-east-1");
        assertThat(launches.get(launches.size() - 1).form()).contains("@us-east-1b");
    }

    @Test
    void noCapacityAnywhereIsRetriableAndSaysWhere() {
        understudy.proxy().failWhen("RunInstances", form -> form.contains(environment), "InsufficientInstanceCapacity", 500);

        Outcome outcome = boot(subnetA, "us-east-1a");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isTrue();
        assertThat(outcome.outputs()).containsEntry("errorCode", "InsufficientInstanceCapacity");
        assertThat(outcome.error()).contains("us-east-1a").contains("us-east-1b").doesNotContain("us-east-1c");
    }
}
