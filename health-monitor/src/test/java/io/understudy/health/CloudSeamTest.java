package io.understudy.health;

import io.understudy.testing.seams.CloudSeam;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The impending-failure watch knows the cloud only through its port: the AWS SDK stays in the adapter package. */
class CloudSeamTest {

    @Test
    void onlyTheAdapterUsesTheAwsSdk() {
        assertThat(CloudSeam.sdkImportsOutside("io.understudy.health.aws"))
                .as("classes outside io.understudy.health.aws that import the AWS SDK: put the call behind the port")
                .isEmpty();
    }
}
