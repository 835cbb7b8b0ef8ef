package io.understudy.sandbox.cloud;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cloud's rules without processes: states, error codes, idempotency, what terminating releases. */
class CloudTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final RecordingResources resources = new RecordingResources();
    private final List<CloudState> saved = new java.util.ArrayList<>();
    private final Cloud cloud = new Cloud(new CloudState(), resources, saved::add);

    @Test
    void anInstanceIsPendingUntilItsSoftwareAnswersAndEveryChangeIsSaved() {
        Instance instance = run("us-east-1b", null);

        assertThat(instance.state).isEqualTo(InstanceState.PENDING);
        assertThat(instance.privateAddress).matches("127\\.77\\.2\\.\\d+");
        assertThat(instance.stackVersion).isEqualTo("2026.11");
        assertThat(resources.calls).containsExactly("boot " + instance.instanceId);

        cloud.onRunning(instance.instanceId);
        assertThat(state(instance)).isEqualTo(InstanceState.RUNNING);
        assertThat(saved).hasSize(2);
    }

    @Test
    void unknownImagesSubnetsAndZonesAreRefusedWithEc2sCodes() {
        assertRefused(() -> cloud.runInstances(new Requests.Run("ami-12c6146b", null, null, null, 1, 1, null, Map.of()), NOW), "InvalidAMIID.NotFound");
        assertRefused(() -> cloud.runInstances(new Requests.Run("ami-sandbox-1", null, null, "subnet-x", 1, 1, null, Map.of()), NOW), "InvalidSubnetID.NotFound");
        assertRefused(() -> cloud.runInstances(new Requests.Run("ami-sandbox-1", null, "us-east-1a", "subnet-sandbox-b", 1, 1, null, Map.of()), NOW), "InvalidParameterCombination");
        assertRefused(() -> cloud.createVolume(new Requests.CreateVolume(1, "eu-west-1a", null, null, null, Map.of()), NOW), "InvalidZone.NotFound");
    }

    @Test
    void anAddressInUseOnThisMachineIsSkipped() {
        CloudState state = new CloudState();
        state.lastHost.put("us-east-1a", 10);
        resources.busyAddresses.add("127.77.1.11");
        Cloud fresh = new Cloud(state, resources, s -> { });

        Instance instance = fresh.runInstances(new Requests.Run("ami-sandbox-1", null, "us-east-1a", null, 1, 1, null, Map.of()), NOW).get(0);

        assertThat(instance.privateAddress).isEqualTo("127.77.1.12");
    }

    @Test
    void aClientTokenReturnsTheFirstLaunchAndTheFirstVolume() {
        Instance first = cloud.runInstances(new Requests.Run("ami-sandbox-1", null, null, null, 1, 1, "token", Map.of()), NOW).get(0);
        Instance again = cloud.runInstances(new Requests.Run("ami-sandbox-1", null, null, null, 1, 1, "token", Map.of()), NOW).get(0);
        assertThat(again.instanceId).isEqualTo(first.instanceId);

        Volume volume = cloud.createVolume(new Requests.CreateVolume(1, "us-east-1a", null, null, "v-token", Map.of()), NOW);
        assertThat(cloud.createVolume(new Requests.CreateVolume(1, "us-east-1a", null, null, "v-token", Map.of()), NOW).volumeId)
                .isEqualTo(volume.volumeId);
        assertThat(cloud.describeVolumes(List.of(), List.of())).hasSize(1);
    }

    @Test
    void aStopEndsInStoppedAndATerminatedInstanceCannotBeStoppedOrStarted() {
        Instance instance = running();

        List<Requests.StateChange> stop = cloud.stopInstances(List.of(instance.instanceId), true);
        assertThat(stop).containsExactly(new Requests.StateChange(instance.instanceId, InstanceState.RUNNING, InstanceState.STOPPING));
        assertThat(resources.calls).contains("kill " + instance.instanceId);
        cloud.onHalted(instance.instanceId);
        assertThat(state(instance)).isEqualTo(InstanceState.STOPPED);

        cloud.terminateInstances(List.of(instance.instanceId));
        cloud.onHalted(instance.instanceId);
        assertThat(state(instance)).isEqualTo(InstanceState.TERMINATED);
        assertRefused(() -> cloud.stopInstances(List.of(instance.instanceId), false), "IncorrectInstanceState");
        assertRefused(() -> cloud.startInstances(List.of(instance.instanceId)), "IncorrectInstanceState");
        assertThat(cloud.describeInstances(List.of(instance.instanceId), List.of())).as("terminated instances stay visible").hasSize(1);
    }

    @Test
    void refusingReassociationKeepsTheAddressWhereItIs() {
        Instance master = running();
        Instance candidate = running();
        Address address = cloud.allocateAddress();
        cloud.associateAddress(address.allocationId, null, master.instanceId, null);

        assertRefused(() -> cloud.associateAddress(address.allocationId, null, candidate.instanceId, false), "Resource.AlreadyAssociated");
        assertThat(address.instanceId).isEqualTo(master.instanceId);

        cloud.associateAddress(address.allocationId, null, candidate.instanceId, true);
        assertThat(address.instanceId).isEqualTo(candidate.instanceId);
        assertThat(resources.calls).endsWith("bind " + address.publicIp + " " + candidate.instanceId);
    }

    @Test
    void terminatingReleasesTheAddressAndDetachesTheData() {
        Instance master = running();
        Address address = cloud.allocateAddress();
        cloud.associateAddress(address.allocationId, null, master.instanceId, null);
        Volume volume = availableVolume();
        cloud.attachVolume(volume.volumeId, master.instanceId, "/dev/sdf", NOW);
        cloud.onAttached(volume.volumeId);

        cloud.terminateInstances(List.of(master.instanceId));

        assertThat(address.associated()).isFalse();
        assertThat(resources.calls).contains("unbind " + address.publicIp, "detach " + volume.volumeId + " " + master.instanceId);
        cloud.onDetached(volume.volumeId);
        assertThat(volume.state).isEqualTo("available");
    }

    @Test
    void volumesFollowEc2sAttachmentRules() {
        Instance master = running();
        Volume volume = availableVolume();
        Volume elsewhere = cloud.createVolume(new Requests.CreateVolume(1, "us-east-1c", null, null, null, Map.of()), NOW);
        cloud.onVolumeCreated(elsewhere.volumeId);

        assertRefused(() -> cloud.attachVolume(elsewhere.volumeId, master.instanceId, "/dev/sdf", NOW), "InvalidVolume.ZoneMismatch");
        assertRefused(() -> cloud.detachVolume(volume.volumeId, master.instanceId), "InvalidAttachment.NotFound");
        cloud.attachVolume(volume.volumeId, master.instanceId, "/dev/sdf", NOW);
        assertThat(volume.attachmentState).isEqualTo("attaching");
        assertRefused(() -> cloud.attachVolume(volume.volumeId, master.instanceId, "/dev/sdg", NOW), "VolumeInUse");
        assertRefused(() -> cloud.deleteVolume(volume.volumeId), "VolumeInUse");

        cloud.detachVolume(volume.volumeId, master.instanceId);
        cloud.onDetached(volume.volumeId);
        cloud.deleteVolume(volume.volumeId);
        cloud.onVolumeDeleted(volume.volumeId);
        assertRefused(() -> cloud.describeVolumes(List.of(volume.volumeId), List.of()), "InvalidVolume.NotFound");
    }

    @Test
    void aVolumeCanOnlyBeMadeFromACompletedSnapshot() {
        Volume volume = availableVolume();
        Snapshot snapshot = cloud.createSnapshot(volume.volumeId, "d", Map.of("k", "v"), NOW);
        assertThat(snapshot.state).isEqualTo("pending");

        assertRefused(() -> cloud.createVolume(new Requests.CreateVolume(null, "us-east-1a", snapshot.snapshotId, null, null, Map.of()), NOW), "IncorrectState");

        cloud.onSnapshotDone(snapshot.snapshotId, true);
        Volume restored = cloud.createVolume(new Requests.CreateVolume(null, "us-east-1a", snapshot.snapshotId, null, null, Map.of()), NOW);
        assertThat(restored.size).isEqualTo(volume.size);
        assertThat(cloud.describeSnapshots(List.of(), List.of("self"),
                List.of(new Filter("tag:k", List.of("v")), new Filter("status", List.of("completed"))))).containsExactly(snapshot);
    }

    @Test
    void aRoleTagChangeReachesTheInstance() {
        Instance instance = running();

        cloud.createTags(List.of(instance.instanceId), Map.of(Cloud.ROLE_TAG, "app_master"));

        assertThat(resources.calls).endsWith("role " + instance.instanceId + " app_master");
        assertThat(cloud.describeInstances(List.of(), List.of(new Filter("tag:" + Cloud.ROLE_TAG, List.of("app_*"))))).containsExactly(instance);
    }

    @Test
    void aRestartRedoesTheWorkItsStateSaysWasUnderWay() {
        Instance instance = running();
        Volume volume = availableVolume();
        Snapshot snapshot = cloud.createSnapshot(volume.volumeId, null, Map.of(), NOW);
        Address address = cloud.allocateAddress();
        cloud.associateAddress(address.allocationId, null, instance.instanceId, null);
        resources.calls.clear();

        cloud.recover();

        assertThat(resources.calls).containsExactly("boot " + instance.instanceId,
                "bind " + address.publicIp + " " + instance.instanceId, "snapshot " + snapshot.snapshotId + " " + volume.volumeId);
    }

    private Instance run(String zone, String token) {
        return cloud.runInstances(new Requests.Run("ami-sandbox-2026.11", null, zone, null, 1, 1, token, Map.of()), NOW).get(0);
    }

    private Instance running() {
        Instance instance = run("us-east-1a", null);
        cloud.onRunning(instance.instanceId);
        return instance;
    }

    private Volume availableVolume() {
        Volume volume = cloud.createVolume(new Requests.CreateVolume(2, "us-east-1a", null, null, null, Map.of()), NOW);
        cloud.onVolumeCreated(volume.volumeId);
        return volume;
    }

    private InstanceState state(Instance instance) {
        return cloud.instance(instance.instanceId).orElseThrow().state;
    }

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).code()).isEqualTo(code));
    }
}
