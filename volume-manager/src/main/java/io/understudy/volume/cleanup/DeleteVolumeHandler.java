package io.understudy.volume.cleanup;

import io.understudy.contract.VolumeDeleted;
import io.understudy.contract.DeleteVolume;
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
 * Compensation: deletes the restored volume. A volume that is gone or going is a success. A volume still
 * attached fails retriably (VolumeInUse): the detach that precedes it may still be under way. A volume that is
 * not the command's environment's is never deleted ({@link Ownership}), going already or not.
 */
@Singleton
public class DeleteVolumeHandler implements CommandHandler<DeleteVolume> {
    private final Volumes volumes;

    public DeleteVolumeHandler(Volumes volumes) {
        this.volumes = volumes;
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
            Optional<DataVolume> volume = volumes.volume(volumeId);
            Optional<Ec2Failure> notOwned = volume.flatMap(v -> Ownership.refusal(attempted,
                    command.getMeta().getEnvironmentId(), v.tagged()));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            boolean present = volume.filter(v -> !v.goingAway()).isPresent();
            if (present) {
                delete(volumeId);
            }
            volumes.awaitDeleted(volumeId);
            return Outcome.succeeded(new VolumeDeleted(volumeId));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }

    private void delete(String volumeId) {
        try {
            volumes.delete(volumeId);
        } catch (CloudCallFailed e) {
            if (!e.hasCode("InvalidVolume.NotFound")) {
                throw e;
            }
        }
    }
}
