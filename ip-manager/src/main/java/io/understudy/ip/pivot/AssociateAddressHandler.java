package io.understudy.ip.pivot;

import io.understudy.schemas.outcome.ResultOutputs;
import io.micronaut.context.annotation.Value;
import io.understudy.contract.AddressAssociated;
import io.understudy.contract.AssociateAddress;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Waits;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pivot: after this, the environment's public address reaches the candidate. It is a compare-and-set: the
 * address is taken only from the association we described (DisassociateAddress by association id), and bound
 * only while unbound (AllowReassociation=false), so a pivot that races another one (a stale command, a second
 * takeover) never steals the address from whoever moved it meanwhile; it fails for good and says where the
 * address went. Idempotent: an address already on the instance is a success without a call. The result reports
 * what DescribeAddresses shows afterwards, because that is what traffic follows.
 *
 * <p>A command naming the instances the address may be taken from ({@code expectedHolders}: the failed master)
 * takes it only from one of them or from nobody. Held by anyone else (an operator's manual move, another system),
 * it is left there and the command fails for good with {@value #HELD_ELSEWHERE}: taking it back on every retry
 * would fight a decision someone made on purpose, so the takeover stops for an operator instead.
 *
 * <p>The address and the instance must both be the command's environment's ({@link Ownership}), on the instance
 * already or not: a registration that named another environment's allocation id must never take that environment's
 * public address, and a wrong instance id must never receive this one's. Refused for good, nothing moved.
 */
@Singleton
public class AssociateAddressHandler implements CommandHandler<AssociateAddress> {
    /** The address, in a refusal's outputs; a success reports it typed ({@link AddressAssociated}). */
    public static final String PUBLIC_IP = "publicIp";
    /** The instance holding the address when the command refused to take it from there ({@value #HELD_ELSEWHERE}). */
    public static final String HOLDER_INSTANCE_ID = "holderInstanceId";
    /**
     * The {@link Ec2Errors#ERROR_CODE} of an address held by an instance that is neither an expected holder nor the
     * target. Ours, not EC2's: EC2 would have let us take it.
     */
    public static final String HELD_ELSEWHERE = ResultOutputs.ADDRESS_HELD_ELSEWHERE;
    static final String LOST_RACE = "Resource.AlreadyAssociated";

    private final ElasticIps elasticIps;
    private final Waits waits;
    private final Duration verifyTimeout;

    public AssociateAddressHandler(ElasticIps elasticIps, Waits waits,
                                   @Value("${understudy.ip.verify-timeout}") Duration verifyTimeout) {
        this.elasticIps = elasticIps;
        this.waits = waits;
        this.verifyTimeout = verifyTimeout;
    }

    @Override
    public Class<AssociateAddress> commandType() {
        return AssociateAddress.class;
    }

    @Override
    public Outcome handle(AssociateAddress command) {
        String allocationId = command.getAllocationId();
        String instanceId = command.getInstanceId();
        String attempted = "associate " + allocationId + " with " + instanceId;
        try {
            Optional<ElasticIp> before = elasticIps.find(allocationId);
            if (before.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 lists no Elastic IP " + allocationId);
            }
            Optional<Ownership.Tagged> instance = elasticIps.instance(instanceId);
            if (instance.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no instance " + instanceId);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(),
                    before.get().tagged(), instance.get());
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (before.get().isOn(instanceId)) {
                return Outcome.succeeded(outputs(before.get(), ""));
            }
            if (!mayTake(before.get(), command.getExpectedHolders())) {
                return heldElsewhere(before.get(), command);
            }
            Optional<Outcome> raced = takeFrom(before.get(), attempted, instanceId);
            if (raced.isPresent()) {
                return raced.get();
            }
            return verified(allocationId, instanceId, before.get().instanceId().orElse(""), attempted);
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }

    /** Taken only from an expected holder, or from nobody; from anyone at all when no holder is expected. */
    private static boolean mayTake(ElasticIp seen, List<String> expectedHolders) {
        return expectedHolders.isEmpty() || seen.associationId().isEmpty()
                || seen.instanceId().filter(expectedHolders::contains).isPresent();
    }

    private static Outcome heldElsewhere(ElasticIp seen, AssociateAddress command) {
        // associated with a network interface alone, the address has a holder but no instance id
        String holder = seen.instanceId().orElse("");
        String by = holder.isEmpty() ? "association " + seen.associationId().orElse("") + " (no instance)" : holder;
        String error = "cannot associate " + seen.allocationId() + " with " + command.getInstanceId() + ": "
                + HELD_ELSEWHERE + ": the Elastic IP " + seen.allocationId() + " (" + seen.publicIp() + ") is held by " + by
                + ", which is neither the failed master (" + String.join(", ", command.getExpectedHolders())
                + ") nor the candidate " + command.getInstanceId() + ": left there for an operator";
        return new Outcome(false, false, error, Map.of(Ec2Errors.ERROR_CODE, HELD_ELSEWHERE, HOLDER_INSTANCE_ID, holder,
                PUBLIC_IP, seen.publicIp()));
    }

    /** Unbinds what we saw, then binds to the candidate; empty when both calls went through. */
    private Optional<Outcome> takeFrom(ElasticIp seen, String attempted, String instanceId) {
        try {
            if (seen.associationId().isPresent()) {
                elasticIps.disassociate(seen.associationId().get());
            }
        } catch (CloudCallFailed e) {
            if (!e.hasCode("InvalidAssociationID.NotFound")) {
                throw e;
            }
            return Optional.of(afterRace(seen, attempted, instanceId));
        }
        try {
            elasticIps.associate(seen.allocationId(), instanceId);
            return Optional.empty();
        } catch (CloudCallFailed e) {
            if (e.hasCode(LOST_RACE)) {
                return Optional.of(afterRace(seen, attempted, instanceId));
            }
            putBack(seen, e);
            throw e;
        }
    }

    /** The candidate refused the address (a wrong id, say): it goes back where it was rather than nowhere. */
    private void putBack(ElasticIp seen, CloudCallFailed cause) {
        seen.instanceId().ifPresent(previous -> {
            try {
                elasticIps.associate(seen.allocationId(), previous);
            } catch (CloudCallFailed e) {
                cause.addSuppressed(e);
            }
        });
    }

    /** Someone moved the address between our look and our call: ours only if it went where we wanted it. */
    private Outcome afterRace(ElasticIp seen, String attempted, String instanceId) {
        Optional<ElasticIp> now = elasticIps.find(seen.allocationId());
        if (now.isPresent() && now.get().isOn(instanceId)) {
            return Outcome.succeeded(outputs(now.get(), seen.instanceId().orElse("")));
        }
        String where = now.flatMap(ElasticIp::instanceId).orElse("no instance");
        return Ec2Errors.failure(false, LOST_RACE, "cannot " + attempted + ": " + LOST_RACE
                + ": the address moved from " + seen.instanceId().orElse("no instance") + " to " + where
                + " while the pivot ran; it is left there").into(Outcome::failed);
    }

    /** EC2 is eventually consistent: a just-made association may take a moment to show in DescribeAddresses. */
    private Outcome verified(String allocationId, String instanceId, String previous, String attempted) {
        Optional<ElasticIp> after = waits.until(() -> elasticIps.find(allocationId),
                ip -> ip.map(it -> it.isOn(instanceId)).orElse(false), verifyTimeout);
        if (after.isEmpty() || !after.get().isOn(instanceId)) {
            return Outcome.failedRetriably("cannot " + attempted + ": EC2 still describes it on "
                    + after.flatMap(ElasticIp::instanceId).orElse("no instance") + " after " + verifyTimeout);
        }
        return Outcome.succeeded(outputs(after.get(), previous));
    }

    /** {@code previous}: the instance the address was taken from; empty when unassociated or already on the target. */
    private static AddressAssociated outputs(ElasticIp ip, String previous) {
        return new AddressAssociated(ip.publicIp(), ip.associationId().orElse(""), previous);
    }
}
