package io.understudy.health.impending;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The EC2 side: DescribeInstanceStatus of the region's running instances, page by page, kept to the watched ones.
 * Listing by id would fail the whole call with InvalidInstanceID.NotFound as soon as one watched instance is gone.
 */
public final class InstanceStatuses {
    private final Ec2Client ec2;

    public InstanceStatuses(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public List<StatusReport> of(Set<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        return ec2.describeInstanceStatusPaginator(r -> r.maxResults(1000)).instanceStatuses().stream()
                .filter(s -> instanceIds.contains(s.instanceId()))
                .map(InstanceStatuses::report)
                .toList();
    }

    private static StatusReport report(InstanceStatus status) {
        return new StatusReport(status.instanceId(),
                status.events().stream().map(InstanceStatuses::event).toList(),
                summary(status.instanceStatus()), summary(status.systemStatus()));
    }

    private static StatusReport.ScheduledEvent event(InstanceStatusEvent event) {
        return new StatusReport.ScheduledEvent(Optional.ofNullable(event.instanceEventId()).orElse(""),
                event.codeAsString(), Optional.ofNullable(event.description()).orElse(""),
                Optional.ofNullable(event.notBefore()));
    }

    private static String summary(InstanceStatusSummary summary) {
        return summary == null || summary.statusAsString() == null ? "" : summary.statusAsString();
    }
}
