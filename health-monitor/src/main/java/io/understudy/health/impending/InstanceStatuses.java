package io.understudy.health.impending;

import io.understudy.ec2.CloudCallFailed;

import java.util.List;
import java.util.Set;

/**
 * The cloud's word on running instances, the port the impending-failure watch uses: scheduled maintenance events
 * and failing status checks. {@code io.understudy.health.aws.Ec2InstanceStatuses} is the adapter for EC2. Throws
 * {@link CloudCallFailed} when the cloud cannot answer; the round is then skipped, not failed.
 */
public interface InstanceStatuses {

    /** Reports on those of {@code instanceIds} that run; an instance gone or unknown is left out, not an error. */
    List<StatusReport> of(Set<String> instanceIds);
}
