package io.understudy.volume.attachment;

import io.understudy.contract.VolumeDetached;
import io.understudy.contract.DetachVolume;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.store.DataVolume;
import io.understudy.volume.store.Volumes;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compensation: takes the restored volume off the candidate. Its goal is a state, not an action, so a volume
 * that is already detached, or gone, is a success. A volume or an instance that is not the command's environment's
 * is refused, attached or not ({@link Ownership}); an instance EC2 does not know holds no volume, so there is
 * nothing of it to check.
 */
@Singleton
public class DetachVolumeHandler implements CommandHandler<DetachVolume> {
    private final Volumes volumes;

    public DetachVolumeHandler(Volumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public Class<DetachVolume> commandType() {
        return DetachVolume.class;
    }

    @Override
    public Outcome handle(DetachVolume command) {
        String volumeId = command.getVolumeId();
        String instanceId = command.getInstanceId();
        String attempted = "detach " + volumeId + " from " + instanceId;
        try {
            Optional<DataVolume> volume = volumes.volume(volumeId);
            if (volume.isEmpty()) {
                return Outcome.succeeded(new VolumeDetached(volumeId));
            }
            List<Ownership.Tagged> named = Stream.concat(Stream.of(volume.get().tagged()), volumes.instance(instanceId).stream())
                    .toList();
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(), named);
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (volume.get().attachmentTo(instanceId).isEmpty()) {
                return Outcome.succeeded(new VolumeDetached(volumeId));
            }
            detach(volumeId, instanceId);
            volumes.awaitDetached(volumeId);
            return Outcome.succeeded(new VolumeDetached(volumeId));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }

    private void detach(String volumeId, String instanceId) {
        try {
            volumes.detach(volumeId, instanceId);
        } catch (CloudCallFailed e) {
            // detached between our look and our call: the state we want
            if (!e.hasCode("InvalidAttachment.NotFound", "InvalidVolume.NotFound")) {
                throw e;
            }
        }
    }
}
