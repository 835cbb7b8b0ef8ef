package io.understudy.health.impending;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What EC2's DescribeInstanceStatus says of one running instance: its scheduled events and its two status checks
 * ({@code ok}, {@code impaired}, {@code insufficient-data}, {@code initializing}, {@code not-applicable}).
 */
public record StatusReport(String instanceId, List<ScheduledEvent> events, String instanceStatus, String systemStatus) {

    public StatusReport {
        events = List.copyOf(events);
    }

    /**
     * A maintenance event EC2 scheduled: {@code instance-retirement}, {@code instance-stop}, {@code system-reboot},
     * {@code instance-reboot}, {@code system-maintenance}. EC2 keeps a done or withdrawn event listed for a while,
     * with a description starting "[Completed]" or "[Canceled]".
     */
    public record ScheduledEvent(String id, String code, String description, Optional<Instant> notBefore) {

        public boolean isPending() {
            return !description.startsWith("[Completed]") && !description.startsWith("[Canceled]");
        }
    }
}
