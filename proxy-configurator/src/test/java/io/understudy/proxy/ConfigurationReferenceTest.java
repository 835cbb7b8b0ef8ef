package io.understudy.proxy;

import io.understudy.execution.kafka.CommandSettings;
import io.understudy.management.ManagementCredentials;
import io.understudy.proxy.opinion.SecondOpinionSettings;
import io.understudy.testing.settings.ConfigurationReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table for this service names every setting, with the default its one home gives it. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeListsEverySettingWithTheDefaultOfItsOneHome() {
        assertThat(ConfigurationReference.of("proxy-configurator")
                .settings("understudy.commands", new CommandSettings())
                .settings("understudy.proxy.second-opinion", new SecondOpinionSettings())
                .describedElsewhere(ManagementCredentials.PROPERTY)
                .differences()).isEmpty();
    }
}
