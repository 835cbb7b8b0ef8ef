package io.understudy.ip;

import io.understudy.testing.seams.CloudSeam;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pivot knows the cloud only through its port: the AWS SDK stays in the adapter package. */
class CloudSeamTest {

    @Test
    void onlyTheAdapterUsesTheAwsSdk() {
        assertThat(CloudSeam.sdkImportsOutside("io.understudy.ip.aws"))
                .as("classes outside io.understudy.ip.aws that import the AWS SDK: put the call behind the port")
                .isEmpty();
    }
}
