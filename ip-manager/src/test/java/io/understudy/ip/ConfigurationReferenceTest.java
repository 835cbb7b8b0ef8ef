package io.understudy.ip;

import io.understudy.ec2.Ec2Settings;
import io.understudy.ec2.throttle.ApiBucket;
import io.understudy.execution.kafka.CommandSettings;
import io.understudy.management.ManagementCredentials;
import io.understudy.testing.settings.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table for this service names every setting, with the default its one home gives it. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeListsEverySettingWithTheDefaultOfItsOneHome() {
        assertThat(ConfigurationReference.of("ip-manager")
                .settings("understudy.commands", new CommandSettings())
                .settings("understudy.ec2", new Ec2Settings())
                // buckets not configured keep AWS's published limits
                .defaults("understudy.ec2.rate-limits", Arrays.stream(ApiBucket.values())
                        .collect(Collectors.toMap(ApiBucket::key, bucket -> bucket.awsDefault().toString())))
                .describedElsewhere(ManagementCredentials.PROPERTY)
                .differences()).isEmpty();
    }
}
