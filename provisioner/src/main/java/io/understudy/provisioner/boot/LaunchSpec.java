package io.understudy.provisioner.boot;

import io.understudy.contract.RunInstance;
import io.understudy.ec2.ClientTokens;
import io.understudy.ec2.Provenance;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.provisioner.placement.Placement;
import io.understudy.provisioner.role.RoleTag;
import io.understudy.schemas.tags.ResourceTags;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a launch needs for one replacement instance, decided from the command and the settings alone.
 * A subnet, when given, decides the zone (EC2 refuses a placement that contradicts it); otherwise the zone is
 * placed directly and EC2 picks the zone's default subnet. The client token is the command id in the command's
 * own place and the command id plus the zone elsewhere: EC2 refuses one token with two different requests
 * (IdempotentParameterMismatch), and a redelivered command must reuse the token of each place it tried.
 */
public record LaunchSpec(String imageId, String instanceType, Optional<String> subnetId, String availabilityZone,
                         Optional<String> keyName, List<String> securityGroupIds, Optional<String> instanceProfile,
                         Map<String, String> tags, String clientToken) {
    public static final String STACK_VERSION = ResourceTags.STACK_VERSION;
    public static final String NAME = "Name";

    public static LaunchSpec of(RunInstance command, ProvisionerSettings settings) {
        String role = RoleTag.valueOf(command.getRole())
                .orElseThrow(() -> new IllegalArgumentException("an instance cannot boot with role " + command.getRole()));
        String environment = command.getMeta().getEnvironmentId();
        Map<String, String> tags = new LinkedHashMap<>(Provenance.madeFor(command.getMeta()));
        tags.put(RoleTag.KEY, role);
        tags.put(STACK_VERSION, command.getStackVersion());
        tags.put(NAME, environment + "-" + role);
        return new LaunchSpec(command.getImageId(), settings.getInstanceType(),
                Optional.ofNullable(command.getSubnetId()).filter(s -> !s.isBlank()),
                command.getAvailabilityZone(),
                Optional.of(settings.getKeyName()).filter(s -> !s.isEmpty()),
                settings.getSecurityGroupIds(),
                Optional.of(settings.getInstanceProfile()).filter(s -> !s.isEmpty()),
                Collections.unmodifiableMap(tags),
                ClientTokens.of(command.getMeta().getEventId()));
    }

    /** Where the command asked for the instance. */
    public Placement requested() {
        return new Placement(availabilityZone, subnetId);
    }

    /** The same launch in {@code placement}, with a client token of its own unless it is the requested place. */
    public LaunchSpec in(Placement placement) {
        if (placement.equals(requested())) {
            return this;
        }
        String commandId = tags.getOrDefault(Provenance.COMMAND, clientToken);
        return new LaunchSpec(imageId, instanceType, placement.subnetId(), placement.availabilityZone(), keyName,
                securityGroupIds, instanceProfile, tags, ClientTokens.of(commandId + "@" + placement.availabilityZone()));
    }
}
