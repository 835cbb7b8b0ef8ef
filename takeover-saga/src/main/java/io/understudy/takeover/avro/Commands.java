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
        return command.action().accept(new ContractRecord(Metadata.toAvro(command.meta(), producer)));
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

    /** One contract record per action: a new action without one does not compile. */
    private record ContractRecord(EventMetadata meta) implements Action.Visitor<SpecificRecord> {
        @Override
        public SpecificRecord visit(Action.StopInstance a) {
            return new io.understudy.contract.StopInstance(meta, a.instanceId(), a.force(), true);
        }

        @Override
        public SpecificRecord visit(Action.StartInstance a) {
            return new io.understudy.contract.StartInstance(meta, a.instanceId(),
                    a.role() == null ? null : Enums.convert(a.role(), Role.class));
        }

        @Override
        public SpecificRecord visit(Action.VerifyRegistration a) {
            return new io.understudy.contract.VerifyRegistration(meta, a.instanceIds(), a.volumeIds(), a.allocationId());
        }

        @Override
        public SpecificRecord visit(Action.CorroborateFailure a) {
            return new io.understudy.contract.CorroborateFailure(meta, a.instanceId(), a.privateAddress());
        }

        @Override
        public SpecificRecord visit(Action.TerminateInstance a) {
            return new io.understudy.contract.TerminateInstance(meta, a.instanceId());
        }

        @Override
        public SpecificRecord visit(Action.ConfigureProxy a) {
            return new io.understudy.contract.ConfigureProxy(meta, a.instanceId(), a.instanceAddress(),
                    a.servers().stream().map(s -> new ProxyServer(s.instanceId(), s.address())).toList());
        }

        @Override
        public SpecificRecord visit(Action.SnapshotVolume a) {
            return new io.understudy.contract.SnapshotVolume(meta, a.volumeId());
        }

        @Override
        public SpecificRecord visit(Action.CreateVolumeFromSnapshot a) {
            return new io.understudy.contract.CreateVolumeFromSnapshot(meta, a.snapshotId(), a.availabilityZone());
        }

        @Override
        public SpecificRecord visit(Action.AttachVolume a) {
            return new io.understudy.contract.AttachVolume(meta, a.volumeId(), a.instanceId(), a.device());
        }

        @Override
        public SpecificRecord visit(Action.DetachVolume a) {
            return new io.understudy.contract.DetachVolume(meta, a.volumeId(), a.instanceId());
        }

        @Override
        public SpecificRecord visit(Action.DeleteVolume a) {
            return new io.understudy.contract.DeleteVolume(meta, a.volumeId());
        }

        @Override
        public SpecificRecord visit(Action.AssociateAddress a) {
            return new io.understudy.contract.AssociateAddress(meta, a.allocationId(), a.instanceId(), a.expectedHolders());
        }

        @Override
        public SpecificRecord visit(Action.SetInstanceRole a) {
            return new io.understudy.contract.SetInstanceRole(meta, a.instanceId(), Enums.convert(a.role(), Role.class));
        }

        @Override
        public SpecificRecord visit(Action.RunInstance a) {
            return new io.understudy.contract.RunInstance(meta, a.imageId(), a.stackVersion(), a.availabilityZone(),
                    a.subnetId(), Enums.convert(a.role(), Role.class));
        }
    }
}
