package io.understudy.volume.attachment;

import io.understudy.contract.VolumeAttached;
import io.understudy.contract.AttachVolume;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.store.DataVolume;
import io.understudy.volume.store.Volumes;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Attaches the restored volume to the candidate. A volume already attached to that instance (an earlier
 * delivery) is not attached again; EC2 would refuse with VolumeInUse. The device reported is the one EC2
 * describes, which is what the instance will see. Both the volume and the instance must be the command's
 * environment's ({@link Ownership}), attached already or not: another environment's data never reaches this one's
 * instance, nor this one's data another's.
 */
@Singleton
public class AttachVolumeHandler implements CommandHandler<AttachVolume> {
    private final Volumes volumes;

    public AttachVolumeHandler(Volumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public Class<AttachVolume> commandType() {
        return AttachVolume.class;
    }

    @Override
    public Outcome handle(AttachVolume command) {
        String volumeId = command.getVolumeId();
        String instanceId = command.getInstanceId();
        String attempted = "attach " + volumeId + " to " + instanceId + " at " + command.getDevice();
        try {
            Optional<DataVolume> volume = volumes.volume(volumeId);
            if (volume.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no volume " + volumeId);
            }
            Optional<Ownership.Tagged> instance = volumes.instance(instanceId);
            if (instance.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no instance " + instanceId);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(),
                    volume.get().tagged(), instance.get());
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (volume.get().attachmentTo(instanceId).isEmpty()) {
                volumes.attach(volumeId, instanceId, command.getDevice());
            }
            Optional<DataVolume.Attachment> attached = volumes.awaitAttached(volumeId, instanceId);
            if (attached.isEmpty()) {
                return Outcome.failedRetriably("cannot " + attempted + ": not attached in time");
            }
            return Outcome.succeeded(new VolumeAttached(volumeId, attached.get().device()));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }
}
