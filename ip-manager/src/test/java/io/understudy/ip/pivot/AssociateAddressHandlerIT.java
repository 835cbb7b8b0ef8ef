package io.understudy.ip.pivot;

import io.understudy.ip.aws.Ec2ElasticIps;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.EventMetadata;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The pivot against moto, judged by what DescribeAddresses says afterwards. */
class AssociateAddressHandlerIT {
    /** The environment every command of these tests is for; its resources carry it, as an operator tags them. */
    static final String ENVIRONMENT = "shop-" + UUID.randomUUID();
    private static Ec2Client ec2;
    private static LoopbackNetwork network;

    private AssociateAddressHandler handler;
    private String master;
    private String candidate;
    private AllocateAddressResponse address;

    @BeforeAll
    static void network() {
        ec2 = Infrastructure.get().ec2();
        network = LoopbackNetwork.create(ec2, "us-east-1a");
    }

    @BeforeEach
    void environment() {
        handler = new AssociateAddressHandler(new Ec2ElasticIps(ec2), new Waits(Duration.ofMillis(100)), Duration.ofSeconds(5));
        master = launch();
        candidate = launch();
        address = allocate(ENVIRONMENT);
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
    }

    static String launch() {
        return launch(ENVIRONMENT);
    }

    /** An instance carrying {@code owner}'s tag; {@code null}: untagged. */
    private static String launch(String owner) {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE, owner))).instances().get(0).instanceId();
    }

    private static AllocateAddressResponse allocate(String owner) {
        return ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(ownedBy(ResourceType.ELASTIC_IP, owner)));
    }

    static List<TagSpecification> ownedBy(ResourceType type, String owner) {
        return owner == null ? List.of() : List.of(TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(owner).build()).build());
    }

    private static Address described(String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
    }

    private static void assertNotOwned(Outcome outcome, String resource, String carried) {
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(outcome.error()).contains(resource + " carries " + carried + ", not " + ENVIRONMENT);
    }

    static AssociateAddress associate(String allocationId, String instanceId) {
        return associate(allocationId, instanceId, List.of());
    }

    /** The pivot as a takeover sends it: the address may be taken from the failed master only. */
    static AssociateAddress associate(String allocationId, String instanceId, List<String> expectedHolders) {
        return AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId("cmd-" + UUID.randomUUID()).setEnvironmentId(ENVIRONMENT)
                        .setTakeoverId("t-1").setOccurredAt(Instant.now()).setProducer("test").build())
                .setAllocationId(allocationId).setInstanceId(instanceId).setExpectedHolders(expectedHolders).build();
    }

    private Address described() {
        return ec2.describeAddresses(r -> r.allocationIds(address.allocationId())).addresses().get(0);
    }

    @Test
    void theAddressMovesFromTheFailedMasterToTheCandidate() {
        Outcome outcome = handler.handle(associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        Address now = described();
        assertThat(now.instanceId()).isEqualTo(candidate);
        assertThat(outcome.outputs()).containsEntry("publicIp", address.publicIp())
                .containsEntry("associationId", now.associationId())
                .containsEntry("previousInstanceId", master);
    }

    @Test
    void anAddressAlreadyOnTheCandidateIsLeftAlone() {
        Outcome first = handler.handle(associate(address.allocationId(), candidate));
        Outcome again = handler.handle(associate(address.allocationId(), candidate));

        assertThat(again.succeeded()).isTrue();
        // moto hands out a new association id on every AssociateAddress: an unchanged one shows no second call
        assertThat(described().associationId()).isEqualTo(first.outputs().get("associationId"));
        assertThat(again.outputs()).containsEntry("associationId", first.outputs().get("associationId"))
                .containsEntry("previousInstanceId", "");
        assertThat(described().instanceId()).isEqualTo(candidate);
    }

    @Test
    void anUnassociatedAddressHasNoPreviousInstance() {
        ec2.disassociateAddress(r -> r.associationId(described().associationId()));

        Outcome outcome = handler.handle(associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.outputs()).containsEntry("previousInstanceId", "");
        assertThat(described().instanceId()).isEqualTo(candidate);
    }

    @Test
    void anUnknownAddressFailsForGood() {
        Outcome outcome = handler.handle(associate("eipalloc-0123456789abcdef0", candidate));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("InvalidAllocationID.NotFound");
    }

    @Test
    void anUnknownInstanceFailsForGoodAndTheAddressStaysWhereItWas() {
        Outcome outcome = handler.handle(associate(address.allocationId(), "i-0123456789abcdef0"));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("InvalidInstanceID.NotFound");
        assertThat(described().instanceId()).isEqualTo(master);
    }

    @Test
    void anAddressOnTheExpectedHolderMovesToTheCandidate() {
        Outcome outcome = handler.handle(associate(address.allocationId(), candidate, List.of(master)));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described().instanceId()).isEqualTo(candidate);
        assertThat(outcome.outputs()).containsEntry("previousInstanceId", master);
    }

    @Test
    void anUnassociatedAddressIsBoundWhateverHolderIsExpected() {
        ec2.disassociateAddress(r -> r.associationId(described().associationId()));

        Outcome outcome = handler.handle(associate(address.allocationId(), candidate, List.of(master)));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described().instanceId()).isEqualTo(candidate);
        assertThat(outcome.outputs()).containsEntry("previousInstanceId", "");
    }

    @Test
    void anAddressAlreadyOnTheCandidateIsASuccessWhateverHolderIsExpected() {
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(candidate).allowReassociation(true));
        String association = described().associationId();

        Outcome outcome = handler.handle(associate(address.allocationId(), candidate, List.of(master)));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described().associationId()).isEqualTo(association);
    }

    @Test
    void anAddressHeldByAThirdInstanceIsLeftThereForAnOperator() {
        String third = launch();
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(third).allowReassociation(true));
        String association = described().associationId();

        Outcome outcome = handler.handle(associate(address.allocationId(), candidate, List.of(master)));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", AssociateAddressHandler.HELD_ELSEWHERE)
                .containsEntry("errorCode", "Understudy.AddressHeldElsewhere")
                .containsEntry("holderInstanceId", third)
                .containsEntry("publicIp", address.publicIp());
        assertThat(outcome.error()).contains("held by " + third).contains(master).contains(candidate)
                .contains("left there for an operator");
        // moto hands out a new association id on every AssociateAddress: an unchanged one shows the address untouched
        assertThat(described().instanceId()).isEqualTo(third);
        assertThat(described().associationId()).isEqualTo(association);
    }

    @Test
    void anotherEnvironmentsAddressIsNotTakenFromItsHolder() {
        String other = "blog-" + UUID.randomUUID();
        String theirMaster = launch(other);
        AllocateAddressResponse theirs = allocate(other);
        ec2.associateAddress(r -> r.allocationId(theirs.allocationId()).instanceId(theirMaster));
        String association = described(theirs.allocationId()).associationId();

        Outcome outcome = handler.handle(associate(theirs.allocationId(), candidate, List.of(theirMaster)));

        assertNotOwned(outcome, theirs.allocationId(), "understudy:environment=" + other);
        assertThat(described(theirs.allocationId()).instanceId()).isEqualTo(theirMaster);
        assertThat(described(theirs.allocationId()).associationId()).as("an unchanged association: no call moved it")
                .isEqualTo(association);
    }

    @Test
    void anUntaggedAddressIsNotBound() {
        AllocateAddressResponse nobodys = allocate(null);

        Outcome outcome = handler.handle(associate(nobodys.allocationId(), candidate));

        assertNotOwned(outcome, nobodys.allocationId(), "no understudy:environment");
        assertThat(described(nobodys.allocationId()).instanceId()).isNullOrEmpty();
    }

    @Test
    void theAddressDoesNotMoveToAnotherEnvironmentsInstanceNorToAnUntaggedOne() {
        String other = "blog-" + UUID.randomUUID();
        String theirs = launch(other);
        String nobodys = launch(null);
        String association = described().associationId();

        Outcome toTheirs = handler.handle(associate(address.allocationId(), theirs, List.of(master)));
        Outcome toNobodys = handler.handle(associate(address.allocationId(), nobodys, List.of(master)));

        assertNotOwned(toTheirs, theirs, "understudy:environment=" + other);
        assertNotOwned(toNobodys, nobodys, "no understudy:environment");
        assertThat(described().instanceId()).isEqualTo(master);
        assertThat(described().associationId()).isEqualTo(association);
    }

    @Test
    void anotherEnvironmentsAddressAlreadyOnTheCandidateIsStillRefused() {
        String other = "blog-" + UUID.randomUUID();
        AllocateAddressResponse theirs = allocate(other);
        ec2.associateAddress(r -> r.allocationId(theirs.allocationId()).instanceId(candidate));

        Outcome outcome = handler.handle(associate(theirs.allocationId(), candidate));

        assertNotOwned(outcome, theirs.allocationId(), "understudy:environment=" + other);
    }
}
