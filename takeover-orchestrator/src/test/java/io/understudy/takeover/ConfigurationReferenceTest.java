package io.understudy.takeover;

import io.understudy.management.ManagementCredentials;
import io.understudy.testing.settings.ConfigurationReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table for this service names every setting, with the default its one home gives it. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeListsEverySettingWithTheDefaultOfItsOneHome() {
        assertThat(ConfigurationReference.of("takeover-orchestrator")
                .describedElsewhere(ManagementCredentials.PROPERTY)
                .differences()).isEmpty();
    }
}
