package io.understudy.ip.pivot;

import io.understudy.ec2.Ownership;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

import java.util.Optional;

/** The EC2 side of Elastic IPs: what an address is bound to, and binding it elsewhere. */
@Singleton
public class ElasticIps {
    private final Ec2Client ec2;

    public ElasticIps(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** Empty when EC2 lists no such address; an unknown allocation id usually fails with InvalidAllocationID.NotFound instead. */
    public Optional<ElasticIp> find(String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().stream()
                .filter(a -> allocationId.equals(a.allocationId()))
                .findFirst()
                .map(ElasticIps::toElasticIp);
    }

    /**
     * The instance an address is to be bound to, with its tags, for the ownership check; empty when EC2 lists no such
     * instance. An id EC2 has never known fails with its own InvalidInstanceID.NotFound instead.
     */
    public Optional<Ownership.Tagged> instance(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .map(i -> new Ownership.Tagged(i.instanceId(), i.tags()))
                .findFirst();
    }

    /**
     * Binds an unbound address only: with reassociation refused, EC2 answers Resource.AlreadyAssociated when
     * anyone bound it since we looked, instead of silently taking it from them.
     */
    public String associate(String allocationId, String instanceId) {
        return ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(instanceId).allowReassociation(false))
                .associationId();
    }

    /**
     * Unbinds one particular association, the one we saw: if the address was moved meanwhile, its association id
     * changed and EC2 answers InvalidAssociationID.NotFound rather than unbinding someone else's.
     */
    public void disassociate(String associationId) {
        ec2.disassociateAddress(r -> r.associationId(associationId));
    }

    private static ElasticIp toElasticIp(Address address) {
        return new ElasticIp(address.allocationId(), address.publicIp(),
                Optional.ofNullable(address.instanceId()).filter(s -> !s.isEmpty()),
                Optional.ofNullable(address.associationId()).filter(s -> !s.isEmpty()),
                address.tags());
    }
}
