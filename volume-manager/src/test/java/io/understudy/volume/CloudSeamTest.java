package io.understudy.volume;

import io.understudy.testing.seams.CloudSeam;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The handlers know the cloud only through the Volumes port: the AWS SDK stays in the adapter package. */
class CloudSeamTest {

    @Test
    void onlyTheAdapterUsesTheAwsSdk() {
        assertThat(CloudSeam.sdkImportsOutside("io.understudy.volume.aws"))
                .as("classes outside io.understudy.volume.aws that import the AWS SDK: put the call behind the port")
                .isEmpty();
    }
}
