package io.understudy.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The EC2 subset Understudy uses, asserted identically against every endpoint that claims to be EC2. Only
 * behaviour moto and the sandbox share is here (moto's gaps are listed in STACK.md); states are awaited with
 * the SDK's waiters, since the sandbox takes real time where moto is instant.
 */
abstract class Ec2ContractTest {
    static final String ZONE = "us-east-1a";
    static final String ENVIRONMENT = "understudy:environment";
    static final String ROLE = "understudy:role";

    protected Ec2Client ec2;
    protected Ec2Waiter waiter;
    private final List<String> instances = new ArrayList<>();
    protected final String environment = "env-" + UUID.randomUUID().toString().substring(0, 8);

    /** An EC2 client on the endpoint under test; the subclass owns the endpoint. */
    protected abstract Ec2Client client();

    /** An image id the endpoint accepts. */
    protected abstract String imageId();

    @BeforeEach
    void connect() {
        ec2 = client();
        waiter = Ec2Clients.waiter(ec2);
    }

    @AfterEach
    void terminateWhatWasLaunched() {
        if (!instances.isEmpty()) {
            ec2.terminateInstances(r -> r.instanceIds(instances));
            waiter.waitUntilInstanceTerminated(r -> r.instanceIds(instances));
        }
        waiter.close();
        ec2.close();
    }

    protected String launch(String role) {
        String id = ec2.runInstances(r -> r.imageId(imageId()).instanceType("t3.micro").minCount(1).maxCount(1)
                        .placement(p -> p.availabilityZone(ZONE))
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                                tag(ENVIRONMENT, environment), tag(ROLE, role)).build()))
                .instances().get(0).instanceId();
        instances.add(id);
        return id;
    }

    protected Instance describe(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    protected static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void aLaunchedInstanceRunsInItsZoneWithItsImageTagsAndAPrivateAddress() {
        String id = launch("app_slave");

        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));

        Instance instance = describe(id);
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(instance.imageId()).isEqualTo(imageId());
        assertThat(instance.placement().availabilityZone()).isEqualTo(ZONE);
        assertThat(instance.privateIpAddress()).isNotBlank();
        assertThat(instance.tags()).contains(tag(ENVIRONMENT, environment), tag(ROLE, "app_slave"));
        waiter.waitUntilInstanceStatusOk(r -> r.instanceIds(id));
    }

    @Test
    void tagFiltersAndStateFiltersFindExactlyTheEnvironmentsInstances() {
        String master = launch("app_master");
        String slave = launch("app_slave");
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(master, slave));

        List<String> found = ec2.describeInstances(r -> r.filters(
                        Filter.builder().name("tag:" + ENVIRONMENT).values(environment).build(),
                        Filter.builder().name("tag:" + ROLE).values("app_master").build(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();

        assertThat(found).containsExactly(master);
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void createTagsChangesTheRoleAndDescribeTagsReadsIt() {
        String id = launch("app_slave");

        ec2.createTags(r -> r.resources(id).tags(tag(ROLE, "app_master")));

        List<String> values = ec2.describeTags(r -> r.filters(
                        Filter.builder().name("resource-id").values(id).build(),
                        Filter.builder().name("key").values(ROLE).build()))
                .tags().stream().map(t -> t.value()).toList();
        assertThat(values).containsExactly("app_master");
        assertThat(describe(id).tags()).contains(tag(ROLE, "app_master"));
    }

    @Test
    void anInstanceStopsStartsAgainAndTerminates() {
        String id = launch("app_slave");
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));

        ec2.stopInstances(r -> r.instanceIds(id).force(true));
        waiter.waitUntilInstanceStopped(r -> r.instanceIds(id));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.STOPPED);

        ec2.startInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);

        ec2.terminateInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceTerminated(r -> r.instanceIds(id));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.TERMINATED);
    }

    @Test
    void anElasticIpMovesBetweenInstancesOnlyWhenReassociationIsAllowed() {
        String first = launch("app_master");
        String second = launch("app_slave");
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(first, second));
        AllocateAddressResponse allocated = ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        String allocationId = allocated.allocationId();
        assertThat(address(allocationId).instanceId()).isNullOrEmpty();

        String association = ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(first)).associationId();
        assertThat(association).isNotBlank();
        assertThat(address(allocationId).instanceId()).isEqualTo(first);
        assertThat(address(allocationId).publicIp()).isEqualTo(allocated.publicIp());

        assertThatThrownBy(() -> ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(second).allowReassociation(false)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        assertThat(address(allocationId).instanceId()).isEqualTo(first);

        ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(second).allowReassociation(true));
        assertThat(address(allocationId).instanceId()).isEqualTo(second);

        ec2.disassociateAddress(r -> r.associationId(address(allocationId).associationId()));
        assertThat(address(allocationId).instanceId()).isNullOrEmpty();
    }

    @Test
    void aVolumeAttachesRefusesDeletionWhileInUseDetachesAndIsDeleted() {
        String id = launch("app_master");
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        String volumeId = createVolume(null);

        ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(id).device("/dev/sdf"));
        waiter.waitUntilVolumeInUse(r -> r.volumeIds(volumeId));
        await("attachment of " + volumeId).atMost(java.time.Duration.ofSeconds(30)).until(() ->
                volume(volumeId).attachments().stream().anyMatch(a -> id.equals(a.instanceId())
                        && a.state() == VolumeAttachmentState.ATTACHED && "/dev/sdf".equals(a.device())));

        assertThatThrownBy(() -> ec2.deleteVolume(r -> r.volumeId(volumeId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("VolumeInUse"));

        ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(id));
        waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
        assertThat(volume(volumeId).attachments()).noneMatch(a -> a.state() == VolumeAttachmentState.ATTACHED);
        assertThatThrownBy(() -> ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAttachment.NotFound"));

        ec2.deleteVolume(r -> r.volumeId(volumeId));
        waiter.waitUntilVolumeDeleted(r -> r.volumeIds(volumeId));
        assertThatThrownBy(() -> volume(volumeId)).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void aSnapshotCompletesAndAVolumeMadeFromItStartsAsIt() {
        String volumeId = createVolume(null);
        String command = "cmd-" + UUID.randomUUID();

        String snapshotId = ec2.createSnapshot(r -> r.volumeId(volumeId).description("contract")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(tag("understudy:command", command)).build())).snapshotId();
        waiter.waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));

        List<Snapshot> found = ec2.describeSnapshots(r -> r.ownerIds("self").filters(
                Filter.builder().name("tag:understudy:command").values(command).build(),
                Filter.builder().name("status").values("pending", "completed").build())).snapshots();
        assertThat(found).extracting(Snapshot::snapshotId).containsExactly(snapshotId);
        assertThat(found.get(0).state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(found.get(0).volumeId()).isEqualTo(volumeId);

        String restored = createVolume(snapshotId);
        assertThat(volume(restored).snapshotId()).isEqualTo(snapshotId);
        assertThat(volume(restored).state()).isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void unknownSnapshotsAndAddressesAreNotFound() {
        assertThatThrownBy(() -> ec2.describeSnapshots(r -> r.snapshotIds("snap-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.volumeIds("vol-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void anElasticIpTaggedAtAllocationOrLaterCarriesItsTagsAndIsFoundByThem() {
        String tagged = ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ELASTIC_IP).tags(tag(ENVIRONMENT, environment)).build())).allocationId();
        String later = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        String untagged = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        try {
            ec2.createTags(r -> r.resources(later).tags(tag(ENVIRONMENT, environment)));

            assertThat(address(tagged).tags()).contains(tag(ENVIRONMENT, environment));
            assertThat(address(later).tags()).contains(tag(ENVIRONMENT, environment));
            assertThat(address(untagged).tags()).noneMatch(t -> t.key().equals(ENVIRONMENT));
            assertThat(ec2.describeAddresses(r -> r.filters(Filter.builder().name("tag:" + ENVIRONMENT).values(environment).build()))
                    .addresses()).extracting(Address::allocationId).containsExactlyInAnyOrder(tagged, later);
        } finally {
            List.of(tagged, later, untagged).forEach(id -> ec2.releaseAddress(r -> r.allocationId(id)));
        }
    }

    /** The ownership check looks resources up by filter: an unknown id among them is left out, not an error. */
    @Test
    void idFiltersFindWhatExistsAndLeaveOutWhatDoesNot() {
        String instance = launch("app_slave");
        String volume = createVolume(null);
        String address = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        try {
            assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-id")
                            .values(instance, "i-0123456789abcdef0").build()))
                    .reservations().stream().flatMap(res -> res.instances().stream()).map(Instance::instanceId))
                    .containsExactly(instance);
            assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("volume-id")
                    .values(volume, "vol-0123456789abcdef0").build())).volumes())
                    .singleElement().satisfies(v -> {
                        assertThat(v.volumeId()).isEqualTo(volume);
                        assertThat(v.tags()).contains(tag(ENVIRONMENT, environment));
                    });
            assertThat(ec2.describeAddresses(r -> r.filters(Filter.builder().name("allocation-id")
                    .values(address, "eipalloc-0123456789abcdef0").build())).addresses())
                    .extracting(Address::allocationId).containsExactly(address);
        } finally {
            ec2.releaseAddress(r -> r.allocationId(address));
        }
    }

    @Test
    void aSnapshotCarriesTheTagsItWasCreatedWith() {
        String volumeId = createVolume(null);

        String snapshotId = ec2.createSnapshot(r -> r.volumeId(volumeId)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(tag(ENVIRONMENT, environment)).build())).snapshotId();

        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots())
                .singleElement().satisfies(snapshot -> assertThat(snapshot.tags()).contains(tag(ENVIRONMENT, environment)));
    }

    protected String createVolume(String snapshotId) {
        String volumeId = ec2.createVolume(r -> r.availabilityZone(ZONE).size(snapshotId == null ? 1 : null).snapshotId(snapshotId)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(tag(ENVIRONMENT, environment)).build())).volumeId();
        waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
        return volumeId;
    }

    protected Volume volume(String volumeId) {
        return ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0);
    }

    protected Address address(String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
    }

    protected static String code(Throwable e) {
        assertThat(e).isInstanceOf(Ec2Exception.class);
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }
}
