package io.understudy.ec2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2RetriesTest {

    private static Ec2Exception ec2(String code, int status) {
        return (Ec2Exception) Ec2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .statusCode(status).message(code).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"InsufficientInstanceCapacity", "InsufficientFreeAddressesInSubnet", "InsufficientVolumeCapacity"})
    void noCapacityHereIsLeftToTheHandlerThatCanGoElsewhere(String code) {
        assertThat(Ec2Retries.worthAnotherAttempt(ec2(code, 500))).isFalse();
    }

    @Test
    void throttlingAndEc2sOwnTroubleAreRetriedInPlace() {
        assertThat(Ec2Retries.worthAnotherAttempt(ec2("RequestLimitExceeded", 503))).isTrue();
        assertThat(Ec2Retries.isThrottling(ec2("RequestLimitExceeded", 503))).isTrue();
        assertThat(Ec2Retries.worthAnotherAttempt(ec2("Unavailable", 503))).isTrue();
        assertThat(Ec2Retries.worthAnotherAttempt(ec2("InternalError", 500))).isTrue();
        assertThat(Ec2Retries.isThrottling(ec2("Unavailable", 503))).isFalse();
    }

    @Test
    void answersAboutTheRequestAreNot() {
        assertThat(Ec2Retries.worthAnotherAttempt(ec2("InvalidVolume.NotFound", 400))).isFalse();
        assertThat(Ec2Retries.worthAnotherAttempt(ec2("IncorrectState", 400))).isFalse();
    }

    @Test
    void aBrokenConnectionIsRetriedAndOtherClientErrorsAreNot() {
        assertThat(Ec2Retries.worthAnotherAttempt(SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection reset")))).isTrue();
        assertThat(Ec2Retries.worthAnotherAttempt(SdkClientException.create("Unable to marshall request"))).isFalse();
    }
}
