package io.understudy.ec2;

import io.understudy.schemas.outcome.ResultOutputs;
import io.understudy.schemas.tags.ResourceTags;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a resource belongs to a command's environment: it carries {@value ResourceTags#ENVIRONMENT} with the
 * environment's id. Every executing handler asks before it changes anything, and answers a command that names a
 * resource of another environment (or of none) with a permanent failure, {@value ResultOutputs#NOT_OWNED}, the cloud
 * left as it was: a mistyped or forged id must never stop, detach or take what is not the environment's. The tags
 * come from the describe call the handler makes anyway, so the check costs no call where there is one.
 */
public final class Ownership {
    public static final String TAG = ResourceTags.ENVIRONMENT;

    /** A resource as the cloud described it: its id and its tags, key to value, in no provider's types. */
    public record Tagged(String id, Map<String, String> tags) {
        public Tagged {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }

        /** As EC2 described it. */
        public Tagged(String id, List<Tag> tags) {
            this(id, asMap(tags));
        }
    }

    /** EC2's tags, key to value; a key EC2 lists twice (it does not) keeps its first value. */
    public static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.putIfAbsent(t.key(), t.value() == null ? "" : t.value()));
        }
        return map;
    }

    private Ownership() {
    }

    /** The environment a resource carries, empty when it carries none. */
    public static Optional<String> environmentOf(List<Tag> tags) {
        return tags == null ? Optional.empty()
                : tags.stream().filter(t -> TAG.equals(t.key())).map(Tag::value).findFirst();
    }

    /**
     * Empty when {@code resource} is {@code environmentId}'s; otherwise what is wrong, in words an operator reads:
     * "vol-1 carries understudy:environment=env-b, not env-a".
     */
    public static Optional<String> breach(Tagged resource, String environmentId) {
        Optional<String> carried = Optional.ofNullable(resource.tags().get(TAG));
        if (carried.filter(environmentId::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(resource.id() + carried.map(e -> " carries " + TAG + "=" + e).orElse(" carries no " + TAG)
                + ", not " + environmentId);
    }

    /** A resource a command or a registration names that EC2 does not know. */
    public static String missing(String resourceId) {
        return resourceId.isBlank() ? "an empty id names no resource" : resourceId + " does not exist";
    }

    /** Empty when every resource is {@code environmentId}'s; otherwise the refusal of {@code attempted}, naming each that is not. */
    public static Optional<Ec2Failure> refusal(String attempted, String environmentId, Tagged... resources) {
        return refusal(attempted, environmentId, List.of(resources));
    }

    public static Optional<Ec2Failure> refusal(String attempted, String environmentId, List<Tagged> resources) {
        List<String> breaches = new ArrayList<>();
        for (Tagged resource : resources) {
            breach(resource, environmentId).ifPresent(breaches::add);
        }
        return breaches.isEmpty() ? Optional.empty() : Optional.of(refused(attempted, breaches));
    }

    /** The permanent failure of {@code attempted} for the resources {@code breaches} describe, with error code NotOwned. */
    public static Ec2Failure refused(String attempted, List<String> breaches) {
        return Ec2Errors.failure(false, ResultOutputs.NOT_OWNED, "cannot " + attempted + ": " + ResultOutputs.NOT_OWNED
                + ": " + String.join("; ", breaches));
    }

    /**
     * The same failure with the breaches alone for its error, for a check that is its own purpose (a registration's):
     * the error is then the reason an operator reads.
     */
    public static Ec2Failure refused(List<String> breaches) {
        return Ec2Errors.failure(false, ResultOutputs.NOT_OWNED, String.join("; ", breaches));
    }
}
