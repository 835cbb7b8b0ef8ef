package io.understudy.ec2;

import io.understudy.schemas.outcome.ResultOutputs;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Arrays;
import java.util.Set;

/**
 * Whether an EC2 failure may go away if the same command is sent again. EC2 is eventually consistent and
 * throttles per account, so "not now" is common and must not end a takeover; "never" (a missing resource,
 * a malformed id, no permission) must end the step at once so the saga can compensate or pick another
 * candidate. Unknown codes follow the HTTP status: 5xx is EC2's trouble, 4xx is ours.
 */
public final class Ec2Errors {

    public enum Kind { RETRIABLE, PERMANENT }

    /** The output key under which a failed command's EC2 error code travels to the orchestrator. */
    public static final String ERROR_CODE = ResultOutputs.ERROR_CODE;

    /**
     * "Not now": throttling, EC2's own trouble, eventual consistency, a resource still changing state, capacity
     * that may come back (or be found in another zone).
     */
    static final Set<String> RETRIABLE = Set.of(
            "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled", "EC2ThrottledException",
            "Unavailable", "ServiceUnavailable", "InternalError", "InternalFailure", "ServerInternal", "RequestExpired",
            "RequestTimeout", "RequestTimeoutException",
            "IncorrectState", "IncorrectInstanceState", "IncorrectVolumeState", "IncorrectSnapshotState", "VolumeInUse",
            "InvalidState", "DependencyViolation", "ConcurrentTagAccess", "ConcurrentSnapshotLimitExceeded",
            "InsufficientInstanceCapacity", "InsufficientHostCapacity", "InsufficientCapacity",
            "InsufficientReservedInstanceCapacity", "InsufficientAddressCapacity", "InsufficientVolumeCapacity",
            "InsufficientFreeAddressesInSubnet", "ResourceLimitExceeded", "SnapshotCreationPerVolumeRateExceeded",
            "PendingSnapshotLimitExceeded", "ResourceCountExceeded");

    /** "Never": a missing or malformed resource, a bad request, no permission, an account limit. */
    static final Set<String> PERMANENT = Set.of(
            "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed", "InvalidInstanceID", "InvalidInstanceID.NotLinkable",
            "InvalidVolume.NotFound", "InvalidVolumeID.Malformed", "InvalidVolume.ZoneMismatch",
            "InvalidSnapshot.NotFound", "InvalidSnapshotID.Malformed", "InvalidSnapshot.InUse",
            "InvalidAllocationID.NotFound", "InvalidAddress.NotFound", "InvalidAddressID.NotFound",
            "InvalidAssociationID.NotFound", "InvalidNetworkInterfaceID.NotFound",
            "InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidAMIID.Unavailable",
            "InvalidSubnetID.NotFound", "InvalidSubnet", "InvalidGroup.NotFound", "InvalidGroupId.Malformed",
            "InvalidKeyPair.NotFound", "InvalidInstanceType", "Unsupported",
            "InvalidZone.NotFound", "InvalidAvailabilityZone", "InvalidID", "InvalidDevice.InUse",
            "InvalidAttachment.NotFound", "AttachmentLimitExceeded", "InvalidBlockDeviceMapping",
            "InvalidParameterValue", "InvalidParameterCombination", "InvalidParameter", "MissingParameter",
            "UnknownParameter", "InvalidAction", "InvalidQueryParameter", "MalformedQueryString", "ValidationError",
            "IdempotentParameterMismatch", "IdempotentInstanceTerminated", "DryRunOperation",
            "UnauthorizedOperation", "AuthFailure", "Blocked", "OptInRequired", "PendingVerification",
            "UnsupportedOperation", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature",
            "MissingAuthenticationToken",
            "InstanceLimitExceeded", "VcpuLimitExceeded", "VolumeLimitExceeded", "MaxIOPSLimitExceeded",
            "SnapshotLimitExceeded", "AddressLimitExceeded", "TagLimitExceeded",
            "Resource.AlreadyAssociated", "OperationNotPermitted");

    private Ec2Errors() {
    }

    public static Kind classify(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            // no answer from EC2 at all (connection refused, timeout): nothing was decided, try again
            return Kind.RETRIABLE;
        }
        String code = errorCode(e);
        if (RETRIABLE.contains(code)) {
            return Kind.RETRIABLE;
        }
        if (PERMANENT.contains(code)) {
            return Kind.PERMANENT;
        }
        if (service.isThrottlingException() || service.statusCode() >= 500) {
            return Kind.RETRIABLE;
        }
        return Kind.PERMANENT;
    }

    public static boolean isRetriable(SdkException e) {
        return classify(e) == Kind.RETRIABLE;
    }

    /** EC2's error code, e.g. {@code InvalidVolume.NotFound}; empty when EC2 gave none. */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return "";
    }

    public static boolean hasCode(SdkException e, String... codes) {
        String code = errorCode(e);
        return Arrays.asList(codes).contains(code);
    }

    /** "cannot attach vol-1 to i-2: IncorrectState: ..." — what was tried and EC2's own words. */
    public static String describe(String attempted, SdkException e) {
        return translated(e).failure(attempted).error();
    }

    /** What a cloud port throws for {@code e}: classified, with EC2's code and words, and no SDK type to catch. */
    public static CloudCallFailed translated(SdkException e) {
        String message = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null
                ? service.awsErrorDetails().errorMessage() : e.getMessage();
        return new CloudCallFailed(classify(e), errorCode(e), message, e);
    }

    /** The failure of {@code attempted}, classified, with EC2's error code ({@value #ERROR_CODE}) when there is one. */
    public static Ec2Failure failure(String attempted, SdkException e) {
        return failure(isRetriable(e), errorCode(e), describe(attempted, e));
    }

    public static Ec2Failure failure(boolean retriable, String code, String error) {
        return Ec2Failure.of(retriable, code, error);
    }
}
