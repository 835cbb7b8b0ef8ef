package io.understudy.volume.restore;

import io.understudy.contract.VolumeCreated;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Snapshot;

import java.util.Optional;

/**
 * Restores the snapshot as a new volume in the candidate's zone (EBS volumes attach only within their zone).
 * Idempotent twice over: the command id is the client token, and a volume carrying the command tag is reused.
 * Only a snapshot of the command's environment is restored ({@link Ownership}): another's data must never reach
 * this environment's candidate.
 */
@Singleton
public class CreateVolumeFromSnapshotHandler implements CommandHandler<CreateVolumeFromSnapshot> {
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
            Optional<Snapshot> snapshot = ebs.snapshot(command.getSnapshotId());
            if (snapshot.isEmpty()) {
                return Ec2Errors.failure(false, "InvalidSnapshot.NotFound", "cannot " + attempted
                        + ": InvalidSnapshot.NotFound: EC2 knows no snapshot " + command.getSnapshotId()).into(Outcome::failed);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(),
                    Ebs.tagged(snapshot.get()));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            String volumeId = ebs.volumeMadeBy(commandId)
                    .orElseGet(() -> ebs.createVolume(command.getSnapshotId(), command.getAvailabilityZone(),
                            Provenance.tags(command.getMeta()), commandId));
            ebs.awaitVolumeAvailable(volumeId);
            return Outcome.succeeded(new VolumeCreated(volumeId));
        } catch (SdkException e) {
            return Ec2Errors.failure(attempted, e).into(Outcome::failed);
        }
    }
}
