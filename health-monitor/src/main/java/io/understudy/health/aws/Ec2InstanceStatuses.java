package io.understudy.health.aws;

import io.understudy.ec2.Ec2Errors;
import io.understudy.health.impending.InstanceStatuses;
import io.understudy.health.impending.StatusReport;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link InstanceStatuses} on EC2: DescribeInstanceStatus of the region's running instances, page by page, kept to the watched ones.
 * Listing by id would fail the whole call with InvalidInstanceID.NotFound as soon as one watched instance is gone.
 */
@Singleton
public final class Ec2InstanceStatuses implements InstanceStatuses {
    private final Ec2Client ec2;

    public Ec2InstanceStatuses(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public List<StatusReport> of(Set<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return List.of();
        }
        try {
            return ec2.describeInstanceStatusPaginator(r -> r.maxResults(1000)).instanceStatuses().stream()
                    .filter(s -> instanceIds.contains(s.instanceId()))
                    .map(Ec2InstanceStatuses::report)
                    .toList();
        } catch (SdkException e) {
            throw Ec2Errors.translated(e);
        }
    }

    private static StatusReport report(InstanceStatus status) {
        return new StatusReport(status.instanceId(),
                status.events().stream().map(Ec2InstanceStatuses::event).toList(),
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
