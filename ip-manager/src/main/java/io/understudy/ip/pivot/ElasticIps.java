package io.understudy.ip.pivot;

import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ownership;

import java.util.Optional;

/**
 * The cloud's side of the environment's public address, the port the pivot uses: what the address is bound to, and
 * binding it elsewhere as a compare-and-set. {@code io.understudy.ip.aws.Ec2ElasticIps} is the adapter for EC2's
 * Elastic IPs; docs/architecture.md says what another provider's must guarantee. Every call throws
 * {@link CloudCallFailed}, classified, when the cloud refuses or cannot be reached.
 */
public interface ElasticIps {

    /** Empty when the cloud lists no such address (an unknown id may fail with the cloud's own NotFound instead). */
    Optional<ElasticIp> find(String allocationId);

    /** The instance an address is to be bound to, with its tags, for the ownership check; empty when unknown. */
    Optional<Ownership.Tagged> instance(String instanceId);

    /**
     * Binds an unbound address only, returning the new association's id: bound meanwhile by anyone, the call fails
     * with {@code Resource.AlreadyAssociated} instead of taking it from them.
     */
    String associate(String allocationId, String instanceId);

    /**
     * Unbinds one particular association, the one we saw: moved meanwhile, it fails with
     * {@code InvalidAssociationID.NotFound} rather than unbinding someone else's.
     */
    void disassociate(String associationId);
}
