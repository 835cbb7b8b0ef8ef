package io.understudy.ec2;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.DefaultRetryStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Which failures the SDK tries again on its own, before a handler sees them. The SDK's defaults retry every 5xx,
 * but EC2 answers "no capacity in this zone" with a 5xx too: retried in place, the same zone would be asked again
 * and again while another zone could take the instance. Those answers go straight to the handler; throttling,
 * EC2's passing trouble and broken connections are retried here, throttling with the adaptive client-side rate.
 */
public final class Ec2Retries {
    /** Answers about one zone or subnet: the provisioner tries another place instead. */
    static final Set<String> ANSWERED_ELSEWHERE = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "InsufficientAddressCapacity",
            "InsufficientVolumeCapacity", "InsufficientFreeAddressesInSubnet");

    private Ec2Retries() {
    }

    public static AdaptiveRetryStrategy adaptive(int maxAttempts) {
        return DefaultRetryStrategy.adaptiveStrategyBuilder()
                .maxAttempts(maxAttempts)
                .retryOnException(Ec2Retries::worthAnotherAttempt)
                .treatAsThrottling(Ec2Retries::isThrottling)
                // the client would add the SDK's conditions (every 5xx) back otherwise
                .useClientDefaults(false)
                .build();
    }

    static boolean worthAnotherAttempt(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            if (ANSWERED_ELSEWHERE.contains(Ec2Errors.errorCode(service))) {
                return false;
            }
            return isThrottling(failure) || service.statusCode() >= 500 || service.statusCode() == 408;
        }
        return failure instanceof SdkClientException && hasIoCause(failure);
    }

    static boolean isThrottling(Throwable failure) {
        return failure instanceof AwsServiceException service
                && (service.isThrottlingException() || Ec2Errors.hasCode(service, "RequestLimitExceeded"));
    }

    private static boolean hasIoCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
