package io.understudy.sandbox.api;

import io.understudy.sandbox.cloud.Address;
import io.understudy.sandbox.cloud.Cloud;
import io.understudy.sandbox.cloud.Ec2Exception;
import io.understudy.sandbox.cloud.Instance;
import io.understudy.sandbox.cloud.Requests;
import io.understudy.sandbox.cloud.Snapshot;
import io.understudy.sandbox.cloud.Volume;
import io.understudy.sandbox.cloud.Zones;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The EC2 actions the sandbox answers: parameters in, the cloud's rules, EC2's response document out. */
final class Ec2Actions {
    private final Cloud cloud;
    private final Clock clock;
    private final Map<String, Function<QueryParameters, Xml>> actions = new LinkedHashMap<>();

    Ec2Actions(Cloud cloud, Clock clock) {
        this.cloud = cloud;
        this.clock = clock;
        actions.put("RunInstances", this::runInstances);
        actions.put("DescribeInstances", this::describeInstances);
        actions.put("StopInstances", p -> stateChanges("StopInstances", cloud.stopInstances(p.list("InstanceId"), Boolean.TRUE.equals(p.bool("Force")))));
        actions.put("StartInstances", p -> stateChanges("StartInstances", cloud.startInstances(p.list("InstanceId"))));
        actions.put("TerminateInstances", p -> stateChanges("TerminateInstances", cloud.terminateInstances(p.list("InstanceId"))));
        actions.put("DescribeInstanceStatus", this::describeInstanceStatus);
        actions.put("CreateTags", p -> {
            cloud.createTags(p.list("ResourceId"), p.tags("Tag"));
            return root("CreateTags").leaf("return", true);
        });
        actions.put("DescribeTags", this::describeTags);
        actions.put("AllocateAddress", this::allocateAddress);
        actions.put("AssociateAddress", this::associateAddress);
        actions.put("DisassociateAddress", p -> {
            cloud.disassociateAddress(p.get("AssociationId"), p.get("PublicIp"));
            return root("DisassociateAddress").leaf("return", true);
        });
        actions.put("ReleaseAddress", p -> {
            cloud.releaseAddress(p.required("AllocationId"));
            return root("ReleaseAddress").leaf("return", true);
        });
        actions.put("DescribeAddresses", this::describeAddresses);
        actions.put("CreateVolume", this::createVolume);
        actions.put("AttachVolume", p -> attachment("AttachVolume", cloud.attachVolume(p.required("VolumeId"),
                p.required("InstanceId"), p.required("Device"), clock.instant())));
        actions.put("DetachVolume", p -> attachment("DetachVolume", cloud.detachVolume(p.required("VolumeId"), p.get("InstanceId"))));
        actions.put("DeleteVolume", p -> {
            cloud.deleteVolume(p.required("VolumeId"));
            return root("DeleteVolume").leaf("return", true);
        });
        actions.put("DescribeVolumes", this::describeVolumes);
        actions.put("CreateSnapshot", this::createSnapshot);
        actions.put("DescribeSnapshots", this::describeSnapshots);
        actions.put("DescribeSubnets", this::describeSubnets);
        actions.put("DescribeAvailabilityZones", this::describeAvailabilityZones);
    }

    /** The whole response document; unknown actions fail as EC2 fails them. */
    String answer(QueryParameters parameters) {
        String action = parameters.required("Action");
        Function<QueryParameters, Xml> handler = actions.get(action);
        if (handler == null) {
            throw new Ec2Exception("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        return handler.apply(parameters).close(action + "Response").toString();
    }

    private Xml root(String action) {
        return new Xml().openRoot(action + "Response").leaf("requestId", RequestIds.next());
    }

    // ---- instances

    private Xml runInstances(QueryParameters p) {
        List<Instance> launched = cloud.runInstances(new Requests.Run(p.required("ImageId"), p.get("InstanceType"),
                p.get("Placement.AvailabilityZone"), p.get("SubnetId"), p.integer("MinCount", 1), p.integer("MaxCount", 1),
                p.get("ClientToken"), p.tagSpecification("instance")), clock.instant());
        Xml xml = root("RunInstances").leaf("reservationId", launched.get(0).reservationId).leaf("ownerId", Cloud.OWNER_ID)
                .open("groupSet").close("groupSet").open("instancesSet");
        launched.forEach(i -> instance(xml, i, Map.of(), List.of()));
        return xml.close("instancesSet");
    }

    private Xml describeInstances(QueryParameters p) {
        List<Instance> instances = cloud.describeInstances(p.list("InstanceId"), p.filters());
        Map<String, String> publicIps = cloud.describeAddresses(List.of(), List.of(), List.of()).stream()
                .filter(Address::associated).collect(Collectors.toMap(a -> a.instanceId, a -> a.publicIp, (a, b) -> a));
        List<Volume> volumes = cloud.describeVolumes(List.of(), List.of());
        Map<String, List<Instance>> reservations = instances.stream()
                .collect(Collectors.groupingBy(i -> i.reservationId, LinkedHashMap::new, Collectors.toList()));
        Xml xml = root("DescribeInstances").open("reservationSet");
        reservations.forEach((reservationId, members) -> {
            xml.open("item").leaf("reservationId", reservationId).leaf("ownerId", Cloud.OWNER_ID)
                    .open("groupSet").close("groupSet").open("instancesSet");
            members.forEach(i -> instance(xml, i, publicIps, volumes));
            xml.close("instancesSet").close("item");
        });
        return xml.close("reservationSet");
    }

    private void instance(Xml xml, Instance i, Map<String, String> publicIps, List<Volume> volumes) {
        xml.open("item").leaf("instanceId", i.instanceId).leaf("imageId", i.imageId)
                .open("instanceState").leaf("code", i.state.code()).leaf("name", i.state.ec2Name()).close("instanceState")
                .leaf("privateDnsName", "ip-" + i.privateAddress.replace('.', '-') + ".ec2.internal")
                .leaf("dnsName", "").leaf("reason", i.stateReason).leaf("amiLaunchIndex", i.launchIndex)
                .leaf("instanceType", i.instanceType).leaf("launchTime", i.launchTime)
                .open("placement").leaf("availabilityZone", i.zone).leaf("tenancy", "default").close("placement")
                .open("monitoring").leaf("state", "disabled").close("monitoring")
                .leaf("subnetId", i.subnetId).leaf("vpcId", Zones.VPC_ID).leaf("privateIpAddress", i.privateAddress)
                .leaf("ipAddress", publicIps.get(i.instanceId)).leaf("sourceDestCheck", true)
                .open("groupSet").close("groupSet");
        if (!i.stateReason.isEmpty()) {
            xml.open("stateReason").leaf("code", i.stateReason.startsWith("Server.") ? "Server.InternalError" : "Client.UserInitiatedShutdown")
                    .leaf("message", i.stateReason).close("stateReason");
        }
        xml.leaf("architecture", "x86_64").leaf("rootDeviceType", "ebs").leaf("rootDeviceName", "/dev/xvda")
                .open("blockDeviceMapping");
        volumes.stream().filter(v -> i.instanceId.equals(v.attachedTo)).forEach(v -> xml.open("item")
                .leaf("deviceName", v.device).open("ebs").leaf("volumeId", v.volumeId).leaf("status", v.attachmentState)
                .leaf("attachTime", v.attachTime).leaf("deleteOnTermination", false).close("ebs").close("item"));
        xml.close("blockDeviceMapping").leaf("virtualizationType", "hvm").leaf("clientToken", i.clientToken)
                .tagSet(i.tags).leaf("hypervisor", "xen").close("item");
    }

    /**
     * Status checks pass once an instance runs, which in the sandbox means its app answered /health; there are
     * never scheduled events. Like EC2, only running instances are listed unless IncludeAllInstances is set.
     */
    private Xml describeInstanceStatus(QueryParameters p) {
        boolean all = Boolean.TRUE.equals(p.bool("IncludeAllInstances"));
        Xml xml = root("DescribeInstanceStatus").open("instanceStatusSet");
        for (Instance i : cloud.describeInstances(p.list("InstanceId"), p.filters())) {
            boolean running = i.state == io.understudy.sandbox.cloud.InstanceState.RUNNING;
            if (!running && !all) {
                continue;
            }
            String status = running ? "ok" : "not-applicable";
            xml.open("item").leaf("instanceId", i.instanceId).leaf("availabilityZone", i.zone)
                    .open("instanceState").leaf("code", i.state.code()).leaf("name", i.state.ec2Name()).close("instanceState");
            for (String check : List.of("systemStatus", "instanceStatus")) {
                xml.open(check).leaf("status", status).open("details").open("item").leaf("name", "reachability")
                        .leaf("status", running ? "passed" : "not-applicable").close("item").close("details").close(check);
            }
            xml.open("eventsSet").close("eventsSet").close("item");
        }
        return xml.close("instanceStatusSet");
    }

    private Xml stateChanges(String action, List<Requests.StateChange> changes) {
        Xml xml = root(action).open("instancesSet");
        for (Requests.StateChange change : changes) {
            xml.open("item").leaf("instanceId", change.instanceId())
                    .open("currentState").leaf("code", change.current().code()).leaf("name", change.current().ec2Name()).close("currentState")
                    .open("previousState").leaf("code", change.previous().code()).leaf("name", change.previous().ec2Name()).close("previousState")
                    .close("item");
        }
        return xml.close("instancesSet");
    }

    private Xml describeTags(QueryParameters p) {
        Xml xml = root("DescribeTags").open("tagSet");
        cloud.describeTags(p.filters()).forEach(t -> xml.open("item").leaf("resourceId", t.resourceId())
                .leaf("resourceType", t.resourceType()).leaf("key", t.key()).leaf("value", t.value()).close("item"));
        return xml.close("tagSet");
    }

    // ---- Elastic IPs

    private Xml allocateAddress(QueryParameters p) {
        Address address = cloud.allocateAddress(p.tagSpecification("elastic-ip"));
        return root("AllocateAddress").leaf("publicIp", address.publicIp).leaf("domain", "vpc")
                .leaf("allocationId", address.allocationId).leaf("publicIpv4Pool", "amazon")
                .leaf("networkBorderGroup", Zones.REGION);
    }

    private Xml associateAddress(QueryParameters p) {
        Address address = cloud.associateAddress(p.get("AllocationId"), p.get("PublicIp"), p.required("InstanceId"),
                p.bool("AllowReassociation"));
        return root("AssociateAddress").leaf("return", true).leaf("associationId", address.associationId);
    }

    private Xml describeAddresses(QueryParameters p) {
        Xml xml = root("DescribeAddresses").open("addressesSet");
        for (Address a : cloud.describeAddresses(p.list("AllocationId"), p.list("PublicIp"), p.filters())) {
            xml.open("item").leaf("publicIp", a.publicIp).leaf("allocationId", a.allocationId).leaf("domain", "vpc")
                    .leaf("instanceId", a.instanceId).leaf("associationId", a.associationId)
                    .leaf("privateIpAddress", a.associated() ? cloud.instance(a.instanceId).map(i -> i.privateAddress).orElse(null) : null)
                    .leaf("publicIpv4Pool", "amazon").leaf("networkBorderGroup", Zones.REGION)
                    .tagSet(a.tags).close("item");
        }
        return xml.close("addressesSet");
    }

    // ---- volumes and snapshots

    private Xml createVolume(QueryParameters p) {
        Volume v = cloud.createVolume(new Requests.CreateVolume(p.optionalInteger("Size"), p.required("AvailabilityZone"),
                p.get("SnapshotId"), p.get("VolumeType"), p.get("ClientToken"), p.tagSpecification("volume")), clock.instant());
        Xml xml = root("CreateVolume");
        volumeFields(xml, v);
        return xml;
    }

    private Xml describeVolumes(QueryParameters p) {
        Xml xml = root("DescribeVolumes").open("volumeSet");
        for (Volume v : cloud.describeVolumes(p.list("VolumeId"), p.filters())) {
            xml.open("item");
            volumeFields(xml, v);
            xml.close("item");
        }
        return xml.close("volumeSet");
    }

    private static void volumeFields(Xml xml, Volume v) {
        xml.leaf("volumeId", v.volumeId).leaf("size", v.size).leaf("snapshotId", v.snapshotId)
                .leaf("availabilityZone", v.zone).leaf("status", v.state).leaf("createTime", v.createTime)
                .open("attachmentSet");
        if (v.attached()) {
            xml.open("item").leaf("volumeId", v.volumeId).leaf("instanceId", v.attachedTo).leaf("device", v.device)
                    .leaf("status", v.attachmentState).leaf("attachTime", v.attachTime).leaf("deleteOnTermination", false)
                    .close("item");
        }
        xml.close("attachmentSet").tagSet(v.tags).leaf("volumeType", v.volumeType).leaf("encrypted", false)
                .leaf("multiAttachEnabled", false);
    }

    private static Xml attachment(String action, Volume v) {
        return new Xml().openRoot(action + "Response").leaf("requestId", RequestIds.next())
                .leaf("volumeId", v.volumeId).leaf("instanceId", v.attachedTo).leaf("device", v.device)
                .leaf("status", v.attachmentState).leaf("attachTime", v.attachTime).leaf("deleteOnTermination", false);
    }

    private Xml createSnapshot(QueryParameters p) {
        Snapshot s = cloud.createSnapshot(p.required("VolumeId"), p.get("Description"), p.tagSpecification("snapshot"), clock.instant());
        Xml xml = root("CreateSnapshot");
        snapshotFields(xml, s);
        return xml;
    }

    private Xml describeSnapshots(QueryParameters p) {
        Xml xml = root("DescribeSnapshots").open("snapshotSet");
        for (Snapshot s : cloud.describeSnapshots(p.list("SnapshotId"), p.list("Owner"), p.filters())) {
            xml.open("item");
            snapshotFields(xml, s);
            xml.close("item");
        }
        return xml.close("snapshotSet");
    }

    private static void snapshotFields(Xml xml, Snapshot s) {
        xml.leaf("snapshotId", s.snapshotId).leaf("volumeId", s.volumeId).leaf("status", s.state)
                .leaf("startTime", s.startTime).leaf("progress", "completed".equals(s.state) ? "100%" : "0%")
                .leaf("ownerId", Cloud.OWNER_ID).leaf("volumeSize", s.size).leaf("description", s.description)
                .leaf("encrypted", false).leaf("storageTier", "standard").tagSet(s.tags);
    }

    // ---- the region

    private Xml describeSubnets(QueryParameters p) {
        List<String> ids = p.list("SubnetId");
        for (String id : ids) {
            if (Zones.bySubnet(id).isEmpty()) {
                throw new Ec2Exception("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        Xml xml = root("DescribeSubnets").open("subnetSet");
        for (Zones.Zone zone : Zones.ALL) {
            if (!ids.isEmpty() && !ids.contains(zone.subnetId())) {
                continue;
            }
            boolean matches = p.filters().stream().allMatch(f -> f.matches(Map.of(), name -> switch (name) {
                case "availability-zone" -> List.of(zone.name());
                case "subnet-id" -> List.of(zone.subnetId());
                case "vpc-id" -> List.of(Zones.VPC_ID);
                case "default-for-az" -> List.of("true");
                case "state" -> List.of("available");
                case "cidr-block", "cidr" -> List.of(zone.cidr());
                default -> List.of();
            }));
            if (matches) {
                xml.open("item").leaf("subnetId", zone.subnetId()).leaf("state", "available").leaf("vpcId", Zones.VPC_ID)
                        .leaf("cidrBlock", zone.cidr()).leaf("availableIpAddressCount", 245)
                        .leaf("availabilityZone", zone.name()).leaf("availabilityZoneId", zone.zoneId())
                        .leaf("defaultForAz", true).leaf("mapPublicIpOnLaunch", false).leaf("ownerId", Cloud.OWNER_ID)
                        .open("tagSet").close("tagSet").close("item");
            }
        }
        return xml.close("subnetSet");
    }

    private Xml describeAvailabilityZones(QueryParameters p) {
        Xml xml = root("DescribeAvailabilityZones").open("availabilityZoneInfo");
        for (Zones.Zone zone : Zones.ALL) {
            xml.open("item").leaf("zoneName", zone.name()).leaf("zoneState", "available").leaf("regionName", Zones.REGION)
                    .leaf("zoneId", zone.zoneId()).leaf("zoneType", "availability-zone").close("item");
        }
        return xml.close("availabilityZoneInfo");
    }
}
