package io.understudy.provisioner;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.VerifyRegistration;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.aws.Ec2RegisteredResources;
import io.understudy.provisioner.registration.VerifyRegistrationHandler;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The check of a registration against moto: what it names must exist and carry the environment's tag. */
class VerifyRegistrationIT {
    private static Ec2Client ec2;
    private static LoopbackNetwork network;
    private static VerifyRegistrationHandler handler;

    private String environment;
    private String other;

    @BeforeAll
    static void cloud() {
        ec2 = Infrastructure.get().ec2();
        network = LoopbackNetwork.create(ec2, "us-east-1a");
        handler = new VerifyRegistrationHandler(new Ec2RegisteredResources(ec2));
    }

    @BeforeEach
    void environments() {
        environment = "shop-" + UUID.randomUUID();
        other = "blog-" + UUID.randomUUID();
    }

    private static TagSpecification ownedBy(ResourceType type, String environment) {
        return TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(environment).build()).build();
    }

    private static String instance(String environment) {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE, environment))).instances().get(0).instanceId();
    }

    private static String untaggedInstance() {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId()))
                .instances().get(0).instanceId();
    }

    private static String volume(String environment) {
        return ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)
                .tagSpecifications(ownedBy(ResourceType.VOLUME, environment))).volumeId();
    }

    private static String address(String environment) {
        return ec2.allocateAddress(r -> r.domain(DomainType.VPC)
                .tagSpecifications(ownedBy(ResourceType.ELASTIC_IP, environment))).allocationId();
    }

    private Outcome verify(List<String> instances, List<String> volumes, String allocationId) {
        return handler.handle(VerifyRegistration.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId("cmd-" + UUID.randomUUID()).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setInstanceIds(instances).setVolumeIds(volumes).setAllocationId(allocationId).build());
    }

    @Test
    void aRegistrationWhoseResourcesAllCarryTheEnvironmentPasses() {
        Outcome outcome = verify(List.of(instance(environment), instance(environment)), List.of(volume(environment)),
                address(environment));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("resources", "4");
    }

    @Test
    void anotherEnvironmentsElasticIpIsRefusedForGoodAndNamed() {
        String theirs = address(other);

        Outcome outcome = verify(List.of(instance(environment)), List.of(volume(environment)), theirs);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(outcome.error()).isEqualTo(theirs + " carries understudy:environment=" + other + ", not " + environment);
    }

    @Test
    void aMissingInstanceIsRefusedAndEveryOtherBreachIsNamedBesideIt() {
        String missing = "i-0123456789abcdef0";
        String untagged = untaggedInstance();
        String theirs = volume(other);

        Outcome outcome = verify(List.of(instance(environment), missing, untagged), List.of(theirs), address(environment));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(outcome.error()).isEqualTo(missing + " does not exist; "
                + untagged + " carries no understudy:environment, not " + environment + "; "
                + theirs + " carries understudy:environment=" + other + ", not " + environment);
    }

    @Test
    void aMissingElasticIpIsRefused() {
        Outcome outcome = verify(List.of(instance(environment)), List.of(), "eipalloc-0123456789abcdef0");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).isEqualTo("eipalloc-0123456789abcdef0 does not exist");
    }
}
