package io.understudy.provisioner;

import io.understudy.testing.seams.CloudSeam;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioner knows the cloud only through its ports: the AWS SDK stays in the adapter package. */
class CloudSeamTest {

    @Test
    void onlyTheAdapterUsesTheAwsSdk() {
        assertThat(CloudSeam.sdkImportsOutside("io.understudy.provisioner.aws"))
                .as("classes outside io.understudy.provisioner.aws that import the AWS SDK: put the call behind the port")
                .isEmpty();
    }
}
