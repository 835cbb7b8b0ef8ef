package io.understudy.volume.snapshot;

import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.volume.ebs.Ebs;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.util.Optional;

/**
 * Snapshots the failed master's data volume: what is on /data is what the candidate gets. CreateSnapshot has
 * no client token, so a redelivered command finds the snapshot its first delivery started by its command tag
 * and waits for that one instead of starting another. Only a volume of the command's environment is snapshotted
 * ({@link Ownership}): its data would otherwise end up on this environment's candidate.
 */
@Singleton
public class SnapshotVolumeHandler implements CommandHandler<SnapshotVolume> {
    private final Ebs ebs;

    public SnapshotVolumeHandler(Ebs ebs) {
        this.ebs = ebs;
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
            Optional<Volume> volume = ebs.volume(volumeId);
            if (volume.isEmpty()) {
                return Ec2Errors.failure(false, "InvalidVolume.NotFound", "cannot " + attempted
                        + ": InvalidVolume.NotFound: EC2 knows no volume " + volumeId).into(Outcome::failed);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(), Ebs.tagged(volume.get()));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            String snapshotId = ebs.snapshotMadeBy(command.getMeta().getEventId())
                    .orElseGet(() -> ebs.createSnapshot(volumeId, Provenance.tags(command.getMeta())));
            ebs.awaitSnapshotCompleted(snapshotId);
            return Outcome.succeeded(new SnapshotTaken(snapshotId));
        } catch (SdkException e) {
            return Ec2Errors.failure(attempted, e).into(Outcome::failed);
        }
    }
}
