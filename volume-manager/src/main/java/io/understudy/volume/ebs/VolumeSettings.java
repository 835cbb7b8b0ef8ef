package io.understudy.volume.ebs;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code understudy.volume.*}: how long each EBS state change may take, and what kind of volume to create. */
@ConfigurationProperties("understudy.volume")
public class VolumeSettings {
    /** A first snapshot of a large volume copies every block: minutes to hours on AWS. */
    private Duration snapshotTimeout = Duration.ofMinutes(30);
    private Duration volumeTimeout = Duration.ofMinutes(5);
    private String volumeType = "gp3";

    public Duration getSnapshotTimeout() {
        return snapshotTimeout;
    }

    public void setSnapshotTimeout(Duration snapshotTimeout) {
        this.snapshotTimeout = snapshotTimeout;
    }

    public Duration getVolumeTimeout() {
        return volumeTimeout;
    }

    public void setVolumeTimeout(Duration volumeTimeout) {
        this.volumeTimeout = volumeTimeout;
    }

    public String getVolumeType() {
        return volumeType;
    }

    public void setVolumeType(String volumeType) {
        this.volumeType = volumeType;
    }
}
