package io.understudy.volume.restore;

import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Provenance;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;

/**
 * Restores the snapshot as a new volume in the candidate's zone (EBS volumes attach only within their zone).
 * Idempotent twice over: the command id is the client token, and a volume carrying the command tag is reused.
 */
@Singleton
public class CreateVolumeFromSnapshotHandler implements CommandHandler<CreateVolumeFromSnapshot> {
    public static final String VOLUME_ID = "volumeId";

    private final Ebs ebs;

    public CreateVolumeFromSnapshotHandler(Ebs ebs) {
        this.ebs = ebs;
    }

    @Override
    public Class<CreateVolumeFromSnapshot> commandType() {
        return CreateVolumeFromSnapshot.class;
    }

    @Override
    public Outcome handle(CreateVolumeFromSnapshot command) {
        String commandId = command.getMeta().getEventId();
        String attempted = "create a volume from " + command.getSnapshotId() + " in " + command.getAvailabilityZone();
        try {
            String volumeId = ebs.volumeMadeBy(commandId)
                    .orElseGet(() -> ebs.createVolume(command.getSnapshotId(), command.getAvailabilityZone(),
                            Provenance.tags(command.getMeta()), commandId));
            ebs.awaitVolumeAvailable(volumeId);
            return Outcome.succeeded(Map.of(VOLUME_ID, volumeId));
        } catch (SdkException e) {
            return Ec2Errors.outcome(attempted, e);
        }
    }
}
