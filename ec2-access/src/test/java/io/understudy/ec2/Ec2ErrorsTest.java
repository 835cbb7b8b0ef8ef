package io.understudy.ec2;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2ErrorsTest {

    private static SdkException ec2(String code, int status) {
        return Ec2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("EC2 says " + code).build())
                .statusCode(status).message(code).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RequestLimitExceeded", "Unavailable", "InternalError", "IncorrectState",
            "IncorrectInstanceState", "VolumeInUse", "InsufficientInstanceCapacity", "DependencyViolation"})
    void transientConditionsAreRetriable(String code) {
        assertThat(Ec2Errors.classify(ec2(code, 400))).isEqualTo(Ec2Errors.Kind.RETRIABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidInstanceID.NotFound", "InvalidVolume.NotFound", "InvalidParameterValue",
            "UnauthorizedOperation", "InvalidAllocationID.NotFound", "InvalidSnapshot.NotFound",
            "InvalidAMIID.NotFound", "AuthFailure", "InvalidInstanceID.Malformed"})
    void conditionsThatNoRetryCanChangeArePermanent(String code) {
        assertThat(Ec2Errors.classify(ec2(code, 400))).isEqualTo(Ec2Errors.Kind.PERMANENT);
    }

    @Test
    void anUnknownCodeFollowsTheStatus() {
        assertThat(Ec2Errors.classify(ec2("SomethingNew", 503))).isEqualTo(Ec2Errors.Kind.RETRIABLE);
        assertThat(Ec2Errors.classify(ec2("SomethingNew", 500))).isEqualTo(Ec2Errors.Kind.RETRIABLE);
        assertThat(Ec2Errors.classify(ec2("SomethingNew", 400))).isEqualTo(Ec2Errors.Kind.PERMANENT);
    }

    @Test
    void aKnownCodeWinsOverTheStatus() {
        assertThat(Ec2Errors.classify(ec2("RequestLimitExceeded", 400))).isEqualTo(Ec2Errors.Kind.RETRIABLE);
        assertThat(Ec2Errors.classify(ec2("UnauthorizedOperation", 503))).isEqualTo(Ec2Errors.Kind.PERMANENT);
    }

    @Test
    void noAnswerAtAllIsRetriable() {
        SdkException refused = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThat(Ec2Errors.classify(refused)).isEqualTo(Ec2Errors.Kind.RETRIABLE);
        assertThat(Ec2Errors.errorCode(refused)).isEmpty();
    }

    @Test
    void theFailureSaysWhatWasAttemptedAndWhatEc2Answered() {
        Ec2Failure permanent = Ec2Errors.failure("attach vol-1 to i-2", ec2("InvalidVolume.NotFound", 400));
        Ec2Failure retriable = Ec2Errors.failure("attach vol-1 to i-2", ec2("RequestLimitExceeded", 503));

        assertThat(permanent.kind()).isEqualTo(Ec2Errors.Kind.PERMANENT);
        assertThat(permanent.retriable()).isFalse();
        assertThat(permanent.error()).isEqualTo("cannot attach vol-1 to i-2: InvalidVolume.NotFound: EC2 says InvalidVolume.NotFound");
        assertThat(retriable.retriable()).isTrue();
        assertThat(permanent.outputs()).containsEntry("errorCode", "InvalidVolume.NotFound");
        assertThat(retriable.outputs()).containsEntry("errorCode", "RequestLimitExceeded");
    }

    @Test
    void noCodeIsBothRetriableAndPermanent() {
        assertThat(Ec2Errors.RETRIABLE).doesNotContainAnyElementsOf(Ec2Errors.PERMANENT);
    }

    @Test
    void everyListedCodeIsClassifiedAsListedWhateverTheStatus() {
        Ec2Errors.RETRIABLE.forEach(code -> assertThat(Ec2Errors.classify(ec2(code, 400))).as(code).isEqualTo(Ec2Errors.Kind.RETRIABLE));
        Ec2Errors.PERMANENT.forEach(code -> assertThat(Ec2Errors.classify(ec2(code, 503))).as(code).isEqualTo(Ec2Errors.Kind.PERMANENT));
    }

    @Test
    void noAnswerHasNoCodeInTheOutputs() {
        Ec2Failure failure = Ec2Errors.failure("stop i-1", SdkClientException.create("Connection refused"));

        assertThat(failure.retriable()).isTrue();
        assertThat(failure.outputs()).doesNotContainKey("errorCode");
    }

    @Test
    void codesAreMatchedExactly() {
        SdkException notFound = ec2("InvalidVolume.NotFound", 400);

        assertThat(Ec2Errors.hasCode(notFound, "InvalidAttachment.NotFound", "InvalidVolume.NotFound")).isTrue();
        assertThat(Ec2Errors.hasCode(notFound, "InvalidVolume")).isFalse();
    }
}
