package io.understudy.ec2.throttle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiBucketTest {

    @Test
    void theExpensiveCreationsHaveBucketsOfTheirOwn() {
        assertThat(ApiBucket.of("RunInstances")).isEqualTo(ApiBucket.RUN_INSTANCES);
        assertThat(ApiBucket.of("CreateVolume")).isEqualTo(ApiBucket.CREATE_VOLUME);
        assertThat(ApiBucket.of("CreateSnapshot")).isEqualTo(ApiBucket.CREATE_SNAPSHOT);
    }

    @Test
    void readsAndChangesAreTold() {
        assertThat(ApiBucket.of("DescribeInstanceStatus")).isEqualTo(ApiBucket.NON_MUTATING);
        assertThat(ApiBucket.of("AssociateAddress")).isEqualTo(ApiBucket.MUTATING);
        assertThat(ApiBucket.of("StopInstances")).isEqualTo(ApiBucket.MUTATING);
        assertThat(ApiBucket.of("CreateTags")).isEqualTo(ApiBucket.MUTATING);
    }

    @Test
    void theDefaultsAreAwsPublishedBuckets() {
        assertThat(ApiBucket.MUTATING.awsDefault()).isEqualTo(new BucketLimit(200, 5));
        assertThat(ApiBucket.NON_MUTATING.awsDefault()).isEqualTo(new BucketLimit(100, 20));
        assertThat(ApiBucket.RUN_INSTANCES.awsDefault()).isEqualTo(new BucketLimit(50, 5));
    }

    @Test
    void bucketsAreNamedInConfigurationWithHyphens() {
        assertThat(ApiBucket.ofKey("run-instances")).contains(ApiBucket.RUN_INSTANCES);
        assertThat(ApiBucket.ofKey("Non-Mutating ")).contains(ApiBucket.NON_MUTATING);
        assertThat(ApiBucket.ofKey("describe")).isEmpty();
    }

    @Test
    void aLimitIsWrittenCapacitySlashRefill() {
        assertThat(BucketLimit.parse(" 50 / 5 ")).isEqualTo(new BucketLimit(50, 5));
        assertThatThrownBy(() -> BucketLimit.parse("50")).hasMessageContaining("capacity/refill-per-second");
        assertThatThrownBy(() -> BucketLimit.parse("0/5")).isInstanceOf(IllegalArgumentException.class);
    }
}
