package io.understudy.provisioner.fleet;

import io.understudy.ec2.CloudCallFailed;
import io.understudy.provisioner.boot.LaunchSpec;
import io.understudy.provisioner.placement.Placement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cloud's side of the environment's instances, the port the provisioner's handlers use: launching, stopping,
 * starting and terminating them, their role tag, and where they may go. {@code io.understudy.provisioner.aws.Ec2Fleet}
 * is the adapter for EC2; docs/architecture.md says what another provider's must guarantee. Every call throws
 * {@link CloudCallFailed}, classified, when the cloud refuses or cannot be reached, and every wait that times out
 * throws it as retriable.
 */
public interface Fleet {

    /** Empty when the cloud does not know the instance (never existed, or terminated long ago). */
    Optional<Instance> find(String instanceId);

    /** The live instance an earlier delivery of this command launched, so that a redelivery does not boot a second. */
    Optional<Instance> launchedBy(String commandId);

    /**
     * Launches one instance as {@code spec} says, tagged in the same call, idempotent on its client token. A place
     * out of capacity fails with the provider's code for it (EC2: {@code InsufficientInstanceCapacity}).
     */
    Instance launch(LaunchSpec spec);

    void stop(String instanceId, boolean force);

    void start(String instanceId);

    /** An instance already gone may fail with {@code InvalidInstanceID.NotFound}. */
    void terminate(String instanceId);

    void tag(String instanceId, String key, String value);

    /** The tag's value as the cloud's tag listing shows it: what the instance's agent reads. */
    Optional<String> tagValue(String instanceId, String key);

    /** Waits for running and answers with the instance as then described (address, zone). */
    Instance awaitRunning(String instanceId, Duration timeout);

    /** Waits until the provider's instance and system status checks pass: booted and reachable, not only running. */
    void awaitStatusOk(String instanceId, Duration timeout);

    void awaitStopped(String instanceId, Duration timeout);

    void awaitTerminated(String instanceId, Duration timeout);

    /**
     * The other subnets of the named subnet's network that carry {@code groupTag} with the same value: the places the
     * environment may boot into instead. Empty when the named subnet has no such tag.
     */
    List<Placement> subnetGroupOf(String subnetId, String groupTag);

    /** The environment's pending and running instances, counted by zone (those Understudy or its users tagged). */
    Map<String, Integer> liveByZone(String environmentId);
}
