package io.understudy.volume.cleanup;

import io.understudy.contract.DeleteVolume;
import io.understudy.ec2.Ec2Errors;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.util.Map;
import java.util.Set;

/**
 * Compensation: deletes the restored volume. A volume that is gone or going is a success. A volume still
 * attached fails retriably (VolumeInUse): the detach that precedes it may still be under way.
 */
@Singleton
public class DeleteVolumeHandler implements CommandHandler<DeleteVolume> {
    public static final String VOLUME_ID = "volumeId";
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
        try {
            boolean present = ebs.volume(volumeId).filter(v -> !GOING.contains(v.state())).isPresent();
            if (present) {
                delete(volumeId);
            }
            ebs.awaitDeleted(volumeId);
            return Outcome.succeeded(Map.of(VOLUME_ID, volumeId));
        } catch (SdkException e) {
            return Ec2Errors.outcome("delete " + volumeId, e);
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
