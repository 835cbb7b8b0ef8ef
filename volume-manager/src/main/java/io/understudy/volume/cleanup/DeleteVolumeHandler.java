package io.understudy.volume.cleanup;

import io.understudy.contract.VolumeDeleted;
import io.understudy.contract.DeleteVolume;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.util.Optional;
import java.util.Set;

/**
 * Compensation: deletes the restored volume. A volume that is gone or going is a success. A volume still
 * attached fails retriably (VolumeInUse): the detach that precedes it may still be under way. A volume that is
 * not the command's environment's is never deleted ({@link Ownership}), going already or not.
 */
@Singleton
public class DeleteVolumeHandler implements CommandHandler<DeleteVolume> {
    private static final Set<VolumeState> GOING = Set.of(VolumeState.DELETING, VolumeState.DELETED);

    private final Ebs ebs;

    public DeleteVolumeHandler(Ebs ebs) {
        this.ebs = ebs;
    }

    @Override
    public Class<DeleteVolume> commandType() {
        return DeleteVolume.class;
    }

    @Override
    public Outcome handle(DeleteVolume command) {
        String volumeId = command.getVolumeId();
        String attempted = "delete " + volumeId;
        try {
            Optional<Volume> volume = ebs.volume(volumeId);
            Optional<Ec2Failure> notOwned = volume.flatMap(v -> Ownership.refusal(attempted,
                    command.getMeta().getEnvironmentId(), Ebs.tagged(v)));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            boolean present = volume.filter(v -> !GOING.contains(v.state())).isPresent();
            if (present) {
                delete(volumeId);
            }
            ebs.awaitDeleted(volumeId);
            return Outcome.succeeded(new VolumeDeleted(volumeId));
        } catch (SdkException e) {
            return Ec2Errors.failure(attempted, e).into(Outcome::failed);
        }
    }

    private void delete(String volumeId) {
        try {
            ebs.delete(volumeId);
        } catch (SdkException e) {
            if (!Ec2Errors.hasCode(e, "InvalidVolume.NotFound")) {
                throw e;
            }
        }
    }
}
