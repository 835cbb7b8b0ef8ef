package io.understudy.provisioner.role;

import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Writes an instance's role tag and waits until DescribeTags shows it: that is what the instance's agent will
 * read, so a role counts as given only once DescribeTags says so. Writing a tag is idempotent by nature.
 */
@Singleton
public class RoleAssignment {
    private final Fleet fleet;
    private final Waits waits;
    private final ProvisionerSettings settings;

    public RoleAssignment(Fleet fleet, Waits waits, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.waits = waits;
        this.settings = settings;
    }

    /**
     * Empty once DescribeTags shows {@code role} (a tag value such as {@code app_master}); otherwise the retriable
     * failure of {@code attempted}, saying what DescribeTags shows instead.
     */
    public Optional<Outcome> assign(String instanceId, String role, String attempted) {
        fleet.tag(instanceId, RoleTag.KEY, role);
        Optional<String> shown = waits.until(() -> fleet.tagValue(instanceId, RoleTag.KEY),
                value -> value.filter(role::equals).isPresent(), settings.getTagTimeout());
        if (shown.filter(role::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Outcome.failedRetriably("cannot " + attempted + ": DescribeTags still shows "
                + shown.orElse("no role")));
    }
}
