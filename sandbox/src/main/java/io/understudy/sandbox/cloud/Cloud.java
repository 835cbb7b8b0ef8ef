package io.understudy.sandbox.cloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox cloud's rules: EC2's states, transitions and error codes over instances, Elastic IPs, volumes and
 * snapshots. Calls are serialised (one lock); local work is started through {@link Resources} and its completion
 * comes back through the {@code on...} methods. Time is an input, so the rules are tested without clocks.
 */
public final class Cloud {
    public static final String ROLE_TAG = "understudy:role";
    public static final String OWNER_ID = "000000000000";
    public static final String DATA_DEVICE = "/dev/sdf";
    private static final int MAX_INSTANCES_PER_CALL = 10;
    /** The sample app, HAProxy's frontend and its runtime API on every instance; an Elastic IP's forwarding port. */
    public static final int[] PRIVATE_PORTS = {8080, 8000, 9999};
    public static final int ELASTIC_IP_PORT = 8000;

    private final CloudState state;
    private final Resources resources;
    private final StateStore store;
    private final Lookup lookup;
    private final ElasticIpRules elasticIps;
    private final EbsRules ebs;

    public Cloud(CloudState state, Resources resources, StateStore store) {
        this.state = state;
        this.resources = resources;
        this.store = store;
        this.lookup = new Lookup(state);
        this.elasticIps = new ElasticIpRules(state, resources, lookup, this::save);
        this.ebs = new EbsRules(state, resources, lookup, this::save);
    }

    // ---- instances

    public synchronized List<Instance> runInstances(Requests.Run request, Instant now) {
        if (request.clientToken() != null && !request.clientToken().isEmpty()) {
            List<Instance> earlier = state.instances.values().stream()
                    .filter(i -> request.clientToken().equals(i.clientToken)).toList();
            if (!earlier.isEmpty()) {
                return earlier;
            }
        }
        String stackVersion = Images.stackVersion(request.imageId()).orElseThrow(() -> new Ec2Exception(
                "InvalidAMIID.NotFound", "The image id '[" + request.imageId() + "]' does not exist"));
        Zones.Zone zone = placement(request.zone(), request.subnetId());
        if (request.minCount() < 1 || request.maxCount() < request.minCount()) {
            throw new Ec2Exception("InvalidParameterValue", "MinCount must be at least 1 and at most MaxCount");
        }
        if (request.minCount() > MAX_INSTANCES_PER_CALL) {
            throw new Ec2Exception("InstanceLimitExceeded", "The sandbox runs at most " + MAX_INSTANCES_PER_CALL + " instances per call");
        }
        String reservationId = Ids.next("r");
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < Math.min(request.maxCount(), MAX_INSTANCES_PER_CALL); n++) {
            Instance instance = new Instance();
            instance.instanceId = Ids.next("i");
            instance.reservationId = reservationId;
            instance.imageId = request.imageId();
            instance.stackVersion = stackVersion;
            instance.instanceType = request.instanceType() == null ? "t3.micro" : request.instanceType();
            instance.zone = zone.name();
            instance.subnetId = zone.subnetId();
            instance.privateAddress = nextPrivateAddress(zone);
            instance.state = InstanceState.PENDING;
            instance.launchTime = now;
            instance.clientToken = request.clientToken() == null ? "" : request.clientToken();
            instance.launchIndex = n;
            instance.tags.putAll(request.tags());
            state.instances.put(instance.instanceId, instance);
            launched.add(instance);
        }
        save();
        launched.forEach(resources::boot);
        return launched;
    }

    public synchronized List<Instance> describeInstances(List<String> ids, List<Filter> filters) {
        return Lookup.select(state.instances, ids, "InvalidInstanceID.NotFound", "instance ID", "i-")
                .filter(i -> Filter.all(filters, i.tags, name -> Attributes.of(i, name)))
                .toList();
    }

    public synchronized List<Requests.StateChange> stopInstances(List<String> ids, boolean force) {
        List<Instance> instances = lookup.existing(ids);
        for (Instance instance : instances) {
            if (instance.state == InstanceState.TERMINATED || instance.state == InstanceState.SHUTTING_DOWN) {
                throw new Ec2Exception("IncorrectInstanceState", "The instance '" + instance.instanceId
                        + "' is not in a state from which it can be stopped.");
            }
        }
        List<Requests.StateChange> changes = new ArrayList<>();
        for (Instance instance : instances) {
            InstanceState previous = instance.state;
            if (previous.live() || (previous == InstanceState.STOPPING && force)) {
                instance.state = InstanceState.STOPPING;
                instance.stateReason = force ? "User initiated (forced stop)" : "User initiated";
                resources.halt(instance, force, false);
            }
            changes.add(new Requests.StateChange(instance.instanceId, previous, instance.state));
        }
        save();
        return changes;
    }

    public synchronized List<Requests.StateChange> startInstances(List<String> ids) {
        List<Instance> instances = lookup.existing(ids);
        for (Instance instance : instances) {
            if (!instance.state.live() && instance.state != InstanceState.STOPPED) {
                throw new Ec2Exception("IncorrectInstanceState", "The instance '" + instance.instanceId
                        + "' is not in a state from which it can be started.");
            }
        }
        List<Requests.StateChange> changes = new ArrayList<>();
        for (Instance instance : instances) {
            InstanceState previous = instance.state;
            if (previous == InstanceState.STOPPED) {
                instance.state = InstanceState.PENDING;
                instance.stateReason = "";
                resources.boot(instance);
            }
            changes.add(new Requests.StateChange(instance.instanceId, previous, instance.state));
        }
        save();
        return changes;
    }

    /** EC2 detaches data volumes and releases the Elastic IP's association when an instance terminates. */
    public synchronized List<Requests.StateChange> terminateInstances(List<String> ids) {
        List<Requests.StateChange> changes = new ArrayList<>();
        for (Instance instance : lookup.existing(ids)) {
            InstanceState previous = instance.state;
            if (previous != InstanceState.TERMINATED && previous != InstanceState.SHUTTING_DOWN) {
                instance.state = InstanceState.SHUTTING_DOWN;
                instance.stateReason = "User initiated";
                elasticIps.releaseAddressesOf(instance);
                ebs.detachVolumesOf(instance);
                resources.halt(instance, true, true);
            }
            changes.add(new Requests.StateChange(instance.instanceId, previous, instance.state));
        }
        save();
        return changes;
    }

    /** The instance's software answers: pending becomes running. Late reports for an instance already going away count for nothing. */
    public synchronized void onRunning(String instanceId) {
        Instance instance = state.instances.get(instanceId);
        if (instance != null && instance.state == InstanceState.PENDING) {
            instance.state = InstanceState.RUNNING;
            save();
        }
    }

    /** The instance's software never answered: EC2 ends such a launch in terminated, with the reason. */
    public synchronized void onBootFailed(String instanceId, String reason) {
        Instance instance = state.instances.get(instanceId);
        if (instance != null && instance.state == InstanceState.PENDING) {
            instance.state = InstanceState.TERMINATED;
            instance.stateReason = "Server.InternalError: " + reason;
            elasticIps.releaseAddressesOf(instance);
            ebs.detachVolumesOf(instance);
            resources.halt(instance, true, true);
            save();
        }
    }

    /** The instance's process group is gone: a stop ends in stopped, a termination in terminated. */
    public synchronized void onHalted(String instanceId) {
        Instance instance = state.instances.get(instanceId);
        if (instance == null) {
            return;
        }
        if (instance.state == InstanceState.STOPPING) {
            instance.state = InstanceState.STOPPED;
        } else if (instance.state == InstanceState.SHUTTING_DOWN) {
            instance.state = InstanceState.TERMINATED;
        } else {
            return;
        }
        save();
    }

    // ---- tags

    public synchronized void createTags(List<String> resourceIds, Map<String, String> tags) {
        if (resourceIds.isEmpty()) {
            throw new Ec2Exception("MissingParameter", "The request must contain the parameter ResourceId");
        }
        List<Map<String, String>> targets = resourceIds.stream().map(lookup::tagsOf).toList();
        targets.forEach(t -> t.putAll(tags));
        save();
        if (tags.containsKey(ROLE_TAG)) {
            resourceIds.stream().map(state.instances::get).filter(i -> i != null && i.state.live())
                    .forEach(resources::roleChanged);
        }
    }

    public synchronized List<Requests.TagEntry> describeTags(List<Filter> filters) {
        List<Requests.TagEntry> entries = new ArrayList<>();
        state.instances.values().forEach(i -> addTags(entries, i.instanceId, "instance", i.tags));
        state.volumes.values().forEach(v -> addTags(entries, v.volumeId, "volume", v.tags));
        state.snapshots.values().forEach(s -> addTags(entries, s.snapshotId, "snapshot", s.tags));
        state.addresses.values().forEach(a -> addTags(entries, a.allocationId, "elastic-ip", a.tags));
        return entries.stream().filter(e -> filters.stream().allMatch(f -> f.matches(Map.of(), name -> switch (name) {
            case "resource-id" -> List.of(e.resourceId());
            case "resource-type" -> List.of(e.resourceType());
            case "key" -> List.of(e.key());
            case "value" -> List.of(e.value());
            default -> List.of();
        }))).toList();
    }

    // ---- Elastic IPs

    public synchronized Address allocateAddress() {
        return allocateAddress(Map.of());
    }

    /** Tagged at allocation, as AllocateAddress's TagSpecifications (elastic-ip) ask: whose address it is. */
    public synchronized Address allocateAddress(Map<String, String> tags) {
        return elasticIps.allocateAddress(tags);
    }

    /** Reassociation is EC2's default; {@code allowReassociation=false} refuses to take the address from another instance. */
    public synchronized Address associateAddress(String allocationId, String publicIp, String instanceId, Boolean allowReassociation) {
        return elasticIps.associateAddress(allocationId, publicIp, instanceId, allowReassociation);
    }

    public synchronized void disassociateAddress(String associationId, String publicIp) {
        elasticIps.disassociateAddress(associationId, publicIp);
    }

    public synchronized void releaseAddress(String allocationId) {
        elasticIps.releaseAddress(allocationId);
    }

    public synchronized List<Address> describeAddresses(List<String> allocationIds, List<String> publicIps, List<Filter> filters) {
        return elasticIps.describeAddresses(allocationIds, publicIps, filters);
    }

    // ---- volumes and snapshots

    public synchronized Volume createVolume(Requests.CreateVolume request, Instant now) {
        return ebs.createVolume(request, now);
    }

    public synchronized void onVolumeCreated(String volumeId) {
        ebs.onVolumeCreated(volumeId);
    }

    public synchronized Volume attachVolume(String volumeId, String instanceId, String device, Instant now) {
        return ebs.attachVolume(volumeId, instanceId, device, now);
    }

    public synchronized void onAttached(String volumeId) {
        ebs.onAttached(volumeId);
    }

    public synchronized Volume detachVolume(String volumeId, String instanceId) {
        return ebs.detachVolume(volumeId, instanceId);
    }

    public synchronized void onDetached(String volumeId) {
        ebs.onDetached(volumeId);
    }

    public synchronized void deleteVolume(String volumeId) {
        ebs.deleteVolume(volumeId);
    }

    /** A deleted volume is forgotten: describing it by id then fails with InvalidVolume.NotFound, as the waiter expects. */
    public synchronized void onVolumeDeleted(String volumeId) {
        ebs.onVolumeDeleted(volumeId);
    }

    public synchronized List<Volume> describeVolumes(List<String> ids, List<Filter> filters) {
        return ebs.describeVolumes(ids, filters);
    }

    public synchronized Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags, Instant now) {
        return ebs.createSnapshot(volumeId, description, tags, now);
    }

    public synchronized void onSnapshotDone(String snapshotId, boolean completed) {
        ebs.onSnapshotDone(snapshotId, completed);
    }

    public synchronized List<Snapshot> describeSnapshots(List<String> ids, List<String> owners, List<Filter> filters) {
        return ebs.describeSnapshots(ids, owners, filters);
    }

    // ---- start-up

    /** After a restart: everything whose state says work was under way gets that work again. */
    public synchronized void recover() {
        for (Instance instance : state.instances.values()) {
            if (instance.state.live()) {
                resources.boot(instance);
            } else if (instance.state == InstanceState.STOPPING || instance.state == InstanceState.SHUTTING_DOWN) {
                resources.halt(instance, true, instance.state == InstanceState.SHUTTING_DOWN);
            }
        }
        for (Address address : state.addresses.values()) {
            if (address.associated()) {
                resources.bind(address, state.instances.get(address.instanceId));
            }
        }
        for (Volume volume : state.volumes.values()) {
            if ("creating".equals(volume.state)) {
                resources.createVolume(volume);
            } else if ("deleting".equals(volume.state)) {
                resources.deleteVolume(volume);
            } else if ("detaching".equals(volume.attachmentState)) {
                resources.detach(volume, state.instances.get(volume.attachedTo));
            } else if (volume.attached()) {
                resources.attach(volume, state.instances.get(volume.attachedTo));
            }
        }
        for (Snapshot snapshot : state.snapshots.values()) {
            if ("pending".equals(snapshot.state)) {
                resources.snapshot(snapshot, state.volumes.get(snapshot.volumeId));
            }
        }
    }

    public synchronized Optional<Instance> instance(String instanceId) {
        return Optional.ofNullable(state.instances.get(instanceId));
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(state.instances.values());
    }

    // ---- helpers

    private Zones.Zone placement(String zoneName, String subnetId) {
        if (subnetId != null && !subnetId.isEmpty()) {
            Zones.Zone zone = Zones.bySubnet(subnetId).orElseThrow(() -> Ec2Exception.notFound("InvalidSubnetID.NotFound", subnetId, "subnet ID"));
            if (zoneName != null && !zoneName.isEmpty() && !zoneName.equals(zone.name())) {
                throw new Ec2Exception("InvalidParameterCombination", "subnet " + subnetId + " is in " + zone.name() + ", not " + zoneName);
            }
            return zone;
        }
        if (zoneName != null && !zoneName.isEmpty()) {
            return Zones.byName(zoneName).orElseThrow(() -> new Ec2Exception("InvalidParameterValue",
                    "Invalid availability zone: [" + zoneName + "]"));
        }
        return Zones.ALL.get(0);
    }

    private String nextPrivateAddress(Zones.Zone zone) {
        List<String> inUse = state.instances.values().stream().filter(i -> i.state != InstanceState.TERMINATED)
                .map(i -> i.privateAddress).toList();
        // a random start keeps two sandboxes on one machine apart; the probe settles the rest
        int last = state.lastHost.computeIfAbsent(zone.name(), z -> 10 + ThreadLocalRandom.current().nextInt(245));
        for (int step = 1; step <= 245; step++) {
            int host = 10 + (last - 10 + step) % 245;
            String candidate = "127.77." + zone.index() + "." + host;
            if (!inUse.contains(candidate) && resources.addressFree(candidate, PRIVATE_PORTS)) {
                state.lastHost.put(zone.name(), host);
                return candidate;
            }
        }
        throw new Ec2Exception("InsufficientFreeAddressesInSubnet", "subnet " + zone.subnetId() + " has no free address");
    }

    private static void addTags(List<Requests.TagEntry> entries, String id, String type, Map<String, String> tags) {
        tags.forEach((k, v) -> entries.add(new Requests.TagEntry(id, type, k, v)));
    }

    private void save() {
        store.save(state);
    }

}
