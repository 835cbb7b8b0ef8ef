package io.understudy.volume.attachment;

import io.understudy.contract.VolumeDetached;
import io.understudy.contract.DetachVolume;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Volume;

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
    private final Ebs ebs;

    public DetachVolumeHandler(Ebs ebs) {
        this.ebs = ebs;
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
            Optional<Volume> volume = ebs.volume(volumeId);
            if (volume.isEmpty()) {
                return Outcome.succeeded(new VolumeDetached(volumeId));
            }
            List<Ownership.Tagged> named = Stream.concat(Stream.of(Ebs.tagged(volume.get())), ebs.instance(instanceId).stream())
                    .toList();
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(), named);
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (Ebs.attachmentTo(volume.get(), instanceId).isEmpty()) {
                return Outcome.succeeded(new VolumeDetached(volumeId));
            }
            detach(volumeId, instanceId);
            ebs.awaitDetached(volumeId);
            return Outcome.succeeded(new VolumeDetached(volumeId));
        } catch (SdkException e) {
            return Ec2Errors.failure(attempted, e).into(Outcome::failed);
        }
    }

    private void detach(String volumeId, String instanceId) {
        try {
            ebs.detach(volumeId, instanceId);
        } catch (SdkException e) {
            // detached between our look and our call: the state we want
            if (!Ec2Errors.hasCode(e, "InvalidAttachment.NotFound", "InvalidVolume.NotFound")) {
                throw e;
            }
        }
    }
}
