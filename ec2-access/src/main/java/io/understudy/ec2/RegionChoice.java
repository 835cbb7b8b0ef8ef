package io.understudy.ec2;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import java.util.function.Supplier;

/** Configured region first, then the SDK's chain (AWS_REGION, profile, instance metadata), then us-east-1. */
final class RegionChoice {
    static final Region FALLBACK = Region.US_EAST_1;

    private RegionChoice() {
    }

    static Region choose(String configured, Supplier<Region> chain) {
        if (configured != null && !configured.isBlank()) {
            return Region.of(configured.trim());
        }
        try {
            Region fromChain = chain.get();
            return fromChain == null ? FALLBACK : fromChain;
        } catch (SdkClientException noneFound) {
            return FALLBACK;
        }
    }
}
