package io.understudy.volume.restore;

import io.understudy.contract.VolumeCreated;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.store.Volumes;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Restores the snapshot as a new volume in the candidate's zone (EBS volumes attach only within their zone).
 * Idempotent twice over: the command id is the client token, and a volume carrying the command tag is reused.
 * Only a snapshot of the command's environment is restored ({@link Ownership}): another's data must never reach
 * this environment's candidate.
 */
@Singleton
public class CreateVolumeFromSnapshotHandler implements CommandHandler<CreateVolumeFromSnapshot> {
    private final Volumes volumes;

    public CreateVolumeFromSnapshotHandler(Volumes volumes) {
        this.volumes = volumes;
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
            Optional<Ownership.Tagged> snapshot = volumes.snapshot(command.getSnapshotId());
            if (snapshot.isEmpty()) {
                return Ec2Errors.failure(false, "InvalidSnapshot.NotFound", "cannot " + attempted
                        + ": InvalidSnapshot.NotFound: EC2 knows no snapshot " + command.getSnapshotId()).into(Outcome::failed);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(),
                    snapshot.get());
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            String volumeId = volumes.volumeMadeBy(commandId)
                    .orElseGet(() -> volumes.createVolume(command.getSnapshotId(), command.getAvailabilityZone(),
                            command.getMeta()));
            volumes.awaitVolumeAvailable(volumeId);
            return Outcome.succeeded(new VolumeCreated(volumeId));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }
}
