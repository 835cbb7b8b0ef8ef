package io.understudy.sandbox.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** EC2's rules for volumes and snapshots: creation, attachment, detachment, deletion, point-in-time copies. */
final class EbsRules {
    private final CloudState state;
    private final Resources resources;
    private final Lookup lookup;
    private final Runnable save;

    EbsRules(CloudState state, Resources resources, Lookup lookup, Runnable save) {
        this.state = state;
        this.resources = resources;
        this.lookup = lookup;
        this.save = save;
    }

    Volume createVolume(Requests.CreateVolume request, Instant now) {
        if (request.clientToken() != null && !request.clientToken().isEmpty()) {
            Optional<Volume> earlier = state.volumes.values().stream().filter(v -> request.clientToken().equals(v.clientToken)).findFirst();
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Zones.Zone zone = Zones.byName(request.zone()).orElseThrow(() -> new Ec2Exception("InvalidZone.NotFound",
                "The zone '" + request.zone() + "' does not exist."));
        Volume volume = new Volume();
        if (request.snapshotId() != null && !request.snapshotId().isEmpty()) {
            Snapshot snapshot = Optional.ofNullable(state.snapshots.get(request.snapshotId()))
                    .orElseThrow(() -> Ec2Exception.notFound("InvalidSnapshot.NotFound", request.snapshotId(), "snapshot"));
            if (!"completed".equals(snapshot.state)) {
                throw new Ec2Exception("IncorrectState", "Snapshot is in invalid state - " + snapshot.state);
            }
            volume.snapshotId = snapshot.snapshotId;
            volume.size = request.size() == null ? snapshot.size : Math.max(request.size(), snapshot.size);
        } else if (request.size() == null) {
            throw new Ec2Exception("MissingParameter", "The request must contain the parameter size or snapshotId");
        } else {
            volume.size = request.size();
        }
        volume.volumeId = Ids.next("vol");
        volume.zone = zone.name();
        volume.volumeType = request.volumeType() == null ? "gp3" : request.volumeType();
        volume.state = "creating";
        volume.createTime = now;
        volume.clientToken = request.clientToken() == null ? "" : request.clientToken();
        volume.tags.putAll(request.tags());
        state.volumes.put(volume.volumeId, volume);
        save.run();
        resources.createVolume(volume);
        return volume;
    }

    void onVolumeCreated(String volumeId) {
        Volume volume = state.volumes.get(volumeId);
        if (volume != null && "creating".equals(volume.state)) {
            volume.state = "available";
            save.run();
        }
    }

    Volume attachVolume(String volumeId, String instanceId, String device, Instant now) {
        Volume volume = lookup.volume(volumeId);
        Instance instance = lookup.existing(List.of(instanceId)).get(0);
        if (volume.attached() || "in-use".equals(volume.state)) {
            throw new Ec2Exception("VolumeInUse", "vol '" + volumeId + "' is already attached to an instance");
        }
        if (!"available".equals(volume.state)) {
            throw new Ec2Exception("IncorrectState", "Volume '" + volumeId + "' is in the '" + volume.state + "' state.");
        }
        if (!instance.state.live() && instance.state != InstanceState.STOPPED) {
            throw new Ec2Exception("IncorrectInstanceState", "Instance '" + instanceId + "' is not 'running' or 'stopped'.");
        }
        if (!volume.zone.equals(instance.zone)) {
            throw new Ec2Exception("InvalidVolume.ZoneMismatch", "The volume '" + volumeId + "' is not in the same availability zone as instance '" + instanceId + "'");
        }
        boolean deviceTaken = state.volumes.values().stream().anyMatch(v -> instanceId.equals(v.attachedTo) && device.equals(v.device));
        if (deviceTaken) {
            throw new Ec2Exception("InvalidParameterValue", "Attachment point " + device + " is already in use");
        }
        volume.state = "in-use";
        volume.attachedTo = instanceId;
        volume.device = device;
        volume.attachmentState = "attaching";
        volume.attachTime = now;
        save.run();
        resources.attach(volume, instance);
        return volume;
    }

    void onAttached(String volumeId) {
        Volume volume = state.volumes.get(volumeId);
        if (volume != null && "attaching".equals(volume.attachmentState)) {
            volume.attachmentState = "attached";
            save.run();
        }
    }

    Volume detachVolume(String volumeId, String instanceId) {
        Volume volume = lookup.volume(volumeId);
        if (!volume.attached() || (instanceId != null && !instanceId.equals(volume.attachedTo))) {
            throw new Ec2Exception("InvalidAttachment.NotFound", "Volume '" + volumeId + "' is not attached"
                    + (instanceId == null ? "" : " to instance '" + instanceId + "'"));
        }
        if (!"detaching".equals(volume.attachmentState)) {
            volume.attachmentState = "detaching";
            save.run();
            resources.detach(volume, state.instances.get(volume.attachedTo));
        }
        return volume;
    }

    void onDetached(String volumeId) {
        Volume volume = state.volumes.get(volumeId);
        if (volume != null && "detaching".equals(volume.attachmentState)) {
            volume.attachedTo = null;
            volume.device = null;
            volume.attachmentState = null;
            volume.attachTime = null;
            volume.state = "available";
            save.run();
        }
    }

    void deleteVolume(String volumeId) {
        Volume volume = lookup.volume(volumeId);
        if (volume.attached()) {
            throw new Ec2Exception("VolumeInUse", "Volume " + volumeId + " is currently attached to " + volume.attachedTo);
        }
        if (!"available".equals(volume.state) && !"creating".equals(volume.state)) {
            throw new Ec2Exception("IncorrectState", "Volume '" + volumeId + "' is in the '" + volume.state + "' state.");
        }
        volume.state = "deleting";
        save.run();
        resources.deleteVolume(volume);
    }

    /** A deleted volume is forgotten: describing it by id then fails with InvalidVolume.NotFound, as the waiter expects. */
    void onVolumeDeleted(String volumeId) {
        if (state.volumes.remove(volumeId) != null) {
            save.run();
        }
    }

    List<Volume> describeVolumes(List<String> ids, List<Filter> filters) {
        return Lookup.select(state.volumes, ids, "InvalidVolume.NotFound", "volume", "vol-")
                .filter(v -> Filter.all(filters, v.tags, name -> Attributes.of(v, name)))
                .toList();
    }


    Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags, Instant now) {
        Volume volume = lookup.volume(volumeId);
        if ("creating".equals(volume.state) || "deleting".equals(volume.state)) {
            throw new Ec2Exception("IncorrectState", "Volume '" + volumeId + "' is in the '" + volume.state + "' state.");
        }
        Snapshot snapshot = new Snapshot();
        snapshot.snapshotId = Ids.next("snap");
        snapshot.volumeId = volumeId;
        snapshot.size = volume.size;
        snapshot.state = "pending";
        snapshot.startTime = now;
        snapshot.description = description == null ? "" : description;
        snapshot.tags.putAll(tags);
        state.snapshots.put(snapshot.snapshotId, snapshot);
        save.run();
        resources.snapshot(snapshot, volume);
        return snapshot;
    }

    void onSnapshotDone(String snapshotId, boolean completed) {
        Snapshot snapshot = state.snapshots.get(snapshotId);
        if (snapshot != null && "pending".equals(snapshot.state)) {
            snapshot.state = completed ? "completed" : "error";
            save.run();
        }
    }

    List<Snapshot> describeSnapshots(List<String> ids, List<String> owners, List<Filter> filters) {
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(Cloud.OWNER_ID);
        return Lookup.select(state.snapshots, ids, "InvalidSnapshot.NotFound", "snapshot", "snap-")
                .filter(s -> ours)
                .filter(s -> Filter.all(filters, s.tags, name -> Attributes.of(s, name)))
                .toList();
    }

    /** EC2 detaches an instance's data volumes when it terminates. */
    void detachVolumesOf(Instance instance) {
        for (Volume volume : state.volumes.values()) {
            if (instance.instanceId.equals(volume.attachedTo) && !"detaching".equals(volume.attachmentState)) {
                volume.attachmentState = "detaching";
                resources.detach(volume, instance);
            }
        }
    }
}
