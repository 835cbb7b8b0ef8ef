package io.understudy.ec2;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

class RegionChoiceTest {

    @Test
    void theConfiguredRegionWins() {
        assertThat(RegionChoice.choose(" eu-west-1 ", () -> Region.AP_SOUTH_1)).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void withoutConfigurationTheSdkChainDecides() {
        assertThat(RegionChoice.choose("", () -> Region.AP_SOUTH_1)).isEqualTo(Region.AP_SOUTH_1);
    }

    @Test
    void withNeitherItIsUsEast1() {
        assertThat(RegionChoice.choose(null, () -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        })).isEqualTo(Region.US_EAST_1);
    }
}
