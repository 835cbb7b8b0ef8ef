package io.understudy.takeover.avro;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.ProxyServer;
import io.understudy.contract.Role;
import io.understudy.schemas.topic.Topic;
import io.understudy.takeover.saga.Action;
import io.understudy.takeover.saga.Command;
import org.apache.avro.specific.SpecificRecord;

/** Commands as the contract's records, each on the topic of the service that carries it out. */
public final class Commands {
    private Commands() {
    }

    public static SpecificRecord toAvro(Command command, String producer) {
        EventMetadata meta = Metadata.toAvro(command.meta(), producer);
        Action action = command.action();
        if (action instanceof Action.StopInstance a) {
            return new io.understudy.contract.StopInstance(meta, a.instanceId(), a.force(), true);
        }
        if (action instanceof Action.StartInstance a) {
            return new io.understudy.contract.StartInstance(meta, a.instanceId(),
                    a.role() == null ? null : Enums.convert(a.role(), Role.class));
        }
        if (action instanceof Action.VerifyRegistration a) {
            return new io.understudy.contract.VerifyRegistration(meta, a.instanceIds(), a.volumeIds(), a.allocationId());
        }
        if (action instanceof Action.CorroborateFailure a) {
            return new io.understudy.contract.CorroborateFailure(meta, a.instanceId(), a.privateAddress());
        }
        if (action instanceof Action.TerminateInstance a) {
            return new io.understudy.contract.TerminateInstance(meta, a.instanceId());
        }
        if (action instanceof Action.ConfigureProxy a) {
            return new io.understudy.contract.ConfigureProxy(meta, a.instanceId(), a.instanceAddress(),
                    a.servers().stream().map(s -> new ProxyServer(s.instanceId(), s.address())).toList());
        }
        if (action instanceof Action.SnapshotVolume a) {
            return new io.understudy.contract.SnapshotVolume(meta, a.volumeId());
        }
        if (action instanceof Action.CreateVolumeFromSnapshot a) {
            return new io.understudy.contract.CreateVolumeFromSnapshot(meta, a.snapshotId(), a.availabilityZone());
        }
        if (action instanceof Action.AttachVolume a) {
            return new io.understudy.contract.AttachVolume(meta, a.volumeId(), a.instanceId(), a.device());
        }
        if (action instanceof Action.DetachVolume a) {
            return new io.understudy.contract.DetachVolume(meta, a.volumeId(), a.instanceId());
        }
        if (action instanceof Action.DeleteVolume a) {
            return new io.understudy.contract.DeleteVolume(meta, a.volumeId());
        }
        if (action instanceof Action.AssociateAddress a) {
            return new io.understudy.contract.AssociateAddress(meta, a.allocationId(), a.instanceId(), a.expectedHolders());
        }
        if (action instanceof Action.SetInstanceRole a) {
            return new io.understudy.contract.SetInstanceRole(meta, a.instanceId(), Enums.convert(a.role(), Role.class));
        }
        if (action instanceof Action.RunInstance a) {
            return new io.understudy.contract.RunInstance(meta, a.imageId(), a.stackVersion(), a.availabilityZone(),
                    a.subnetId(), Enums.convert(a.role(), Role.class));
        }
        throw new IllegalArgumentException("no contract record for " + action.getClass().getSimpleName());
    }

    /** The command topic that carries this record, from the topic registry: the contract decides, not this class. */
    public static Topic topicOf(SpecificRecord command) {
        for (Topic topic : new Topic[]{Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS, Topic.PROXY_COMMANDS, Topic.PROVISIONER_COMMANDS}) {
            if (topic.carries(command.getClass())) {
                return topic;
            }
        }
        throw new IllegalArgumentException(command.getClass().getSimpleName() + " is on no command topic");
    }
}
