package io.understudy.sandbox.cloud;

import java.util.List;

/** The attributes EC2's filters name, per resource; a name a resource does not have matches nothing. */
final class Attributes {
    private Attributes() {
    }

    static List<String> of(Instance i, String name) {
        return switch (name) {
            case "instance-state-name" -> List.of(i.state.ec2Name());
            case "instance-state-code" -> List.of(Integer.toString(i.state.code()));
            case "instance-id" -> List.of(i.instanceId);
            case "image-id" -> List.of(i.imageId);
            case "availability-zone" -> List.of(i.zone);
            case "subnet-id" -> List.of(i.subnetId);
            case "vpc-id" -> List.of(Zones.VPC_ID);
            case "private-ip-address" -> List.of(i.privateAddress);
            case "instance-type" -> List.of(i.instanceType);
            case "reservation-id" -> List.of(i.reservationId);
            case "client-token" -> List.of(i.clientToken);
            default -> List.of();
        };
    }

    static List<String> of(Address a, String name) {
        return switch (name) {
            case "allocation-id" -> List.of(a.allocationId);
            case "public-ip" -> List.of(a.publicIp);
            case "instance-id" -> a.associated() ? List.of(a.instanceId) : List.of();
            case "association-id" -> a.associated() ? List.of(a.associationId) : List.of();
            case "domain" -> List.of("vpc");
            default -> List.of();
        };
    }

    static List<String> of(Volume v, String name) {
        return switch (name) {
            case "volume-id" -> List.of(v.volumeId);
            case "status" -> List.of(v.state);
            case "availability-zone" -> List.of(v.zone);
            case "snapshot-id" -> List.of(v.snapshotId);
            case "size" -> List.of(Integer.toString(v.size));
            case "volume-type" -> List.of(v.volumeType);
            case "attachment.instance-id" -> v.attached() ? List.of(v.attachedTo) : List.of();
            case "attachment.device" -> v.attached() ? List.of(v.device) : List.of();
            case "attachment.status" -> v.attached() ? List.of(v.attachmentState) : List.of();
            default -> List.of();
        };
    }

    static List<String> of(Snapshot s, String name) {
        return switch (name) {
            case "snapshot-id" -> List.of(s.snapshotId);
            case "volume-id" -> List.of(s.volumeId);
            case "status" -> List.of(s.state);
            case "owner-id" -> List.of(Cloud.OWNER_ID);
            case "description" -> List.of(s.description);
            default -> List.of();
        };
    }
}
