package io.understudy.provisioner.boot;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.Role;
import io.understudy.contract.RunInstance;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchSpecTest {

    private static RunInstance command(String subnetId, Role role) {
        return RunInstance.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId("t-1:replacement").setEnvironmentId("shop")
                        .setTakeoverId("t-1").setOccurredAt(Instant.EPOCH).setProducer("takeover-orchestrator").build())
                .setImageId("ami-12c6146b").setStackVersion("stack-2025.03").setAvailabilityZone("us-east-1b")
                .setSubnetId(subnetId).setRole(role).build();
    }

    private static Map<String, String> tags(LaunchSpec spec) {
        return spec.tags();
    }

    @Test
    void theInstanceIsTaggedWithItsEnvironmentRoleAndStackVersion() {
        LaunchSpec spec = LaunchSpec.of(command(null, Role.APP_SLAVE), new ProvisionerSettings());

        assertThat(tags(spec)).containsEntry("understudy:environment", "shop")
                .containsEntry("understudy:role", "app_slave")
                .containsEntry("understudy:stack-version", "stack-2025.03")
                .containsEntry("Name", "shop-app_slave")
                .containsEntry("understudy:takeover", "t-1")
                .containsEntry("understudy:command", "t-1:replacement");
        assertThat(spec.imageId()).isEqualTo("ami-12c6146b");
        assertThat(spec.clientToken()).isEqualTo("t-1:replacement");
    }

    @Test
    void withoutASubnetTheZoneIsPlacedDirectly() {
        LaunchSpec spec = LaunchSpec.of(command(null, Role.APP_SLAVE), new ProvisionerSettings());

        assertThat(spec.subnetId()).isEmpty();
        assertThat(spec.availabilityZone()).isEqualTo("us-east-1b");
    }

    @Test
    void aSubnetIsUsedWhenGiven() {
        assertThat(LaunchSpec.of(command("subnet-1", Role.APP_SLAVE), new ProvisionerSettings()).subnetId())
                .contains("subnet-1");
        assertThat(LaunchSpec.of(command(" ", Role.APP_SLAVE), new ProvisionerSettings()).subnetId()).isEmpty();
    }

    @Test
    void instanceTypeKeyAndSecurityGroupsComeFromTheSettings() {
        ProvisionerSettings settings = new ProvisionerSettings();
        settings.setInstanceType("m6i.large");
        settings.setKeyName("ops");
        settings.setSecurityGroupIds(List.of("sg-1", " ", "sg-2"));

        LaunchSpec spec = LaunchSpec.of(command(null, Role.UTILITY), settings);

        assertThat(spec.instanceType()).isEqualTo("m6i.large");
        assertThat(spec.keyName()).contains("ops");
        assertThat(spec.securityGroupIds()).containsExactly("sg-1", "sg-2");
        assertThat(LaunchSpec.of(command(null, Role.UTILITY), new ProvisionerSettings()).keyName()).isEmpty();
    }

    @Test
    void anUnknownRoleCannotBoot() {
        assertThatThrownBy(() -> LaunchSpec.of(command(null, Role.UNKNOWN), new ProvisionerSettings()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherPlaceGetsAClientTokenOfItsOwn() {
        LaunchSpec spec = LaunchSpec.of(command("subnet-1", Role.APP_SLAVE), new ProvisionerSettings());

        LaunchSpec elsewhere = spec.in(io.understudy.provisioner.placement.Placement.subnet("us-east-1c", "subnet-3"));

        assertThat(spec.in(spec.requested())).isSameAs(spec);
        assertThat(elsewhere.subnetId()).contains("subnet-3");
        assertThat(elsewhere.availabilityZone()).isEqualTo("us-east-1c");
        assertThat(elsewhere.clientToken()).isEqualTo("t-1:replacement@us-east-1c");
        assertThat(elsewhere.tags()).isEqualTo(spec.tags());
    }
}
