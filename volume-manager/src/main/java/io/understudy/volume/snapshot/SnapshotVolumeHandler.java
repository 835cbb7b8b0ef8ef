package io.understudy.volume.snapshot;

import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.store.DataVolume;
import io.understudy.volume.store.Volumes;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Snapshots the failed master's data volume: what is on /data is what the candidate gets. CreateSnapshot has
 * no client token, so a redelivered command finds the snapshot its first delivery started by its command tag
 * and waits for that one instead of starting another. Only a volume of the command's environment is snapshotted
 * ({@link Ownership}): its data would otherwise end up on this environment's candidate.
 */
@Singleton
public class SnapshotVolumeHandler implements CommandHandler<SnapshotVolume> {
    private final Volumes volumes;

    public SnapshotVolumeHandler(Volumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public Class<SnapshotVolume> commandType() {
        return SnapshotVolume.class;
    }

    @Override
    public Outcome handle(SnapshotVolume command) {
        String volumeId = command.getVolumeId();
        String attempted = "snapshot " + volumeId;
        try {
            Optional<DataVolume> volume = volumes.volume(volumeId);
            if (volume.isEmpty()) {
                return Ec2Errors.failure(false, "InvalidVolume.NotFound", "cannot " + attempted
                        + ": InvalidVolume.NotFound: EC2 knows no volume " + volumeId).into(Outcome::failed);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(), volume.get().tagged());
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            String snapshotId = volumes.snapshotMadeBy(command.getMeta().getEventId())
                    .orElseGet(() -> volumes.createSnapshot(volumeId, command.getMeta()));
            volumes.awaitSnapshotCompleted(snapshotId);
            return Outcome.succeeded(new SnapshotTaken(snapshotId));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }
}
