package io.understudy.ip.aws;

import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership;
import io.understudy.ip.pivot.ElasticIp;
import io.understudy.ip.pivot.ElasticIps;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;

import java.util.Optional;
import java.util.function.Supplier;

/** {@link ElasticIps} on EC2: DescribeAddresses, AssociateAddress without reassociation, DisassociateAddress by id. */
@Singleton
public class Ec2ElasticIps implements ElasticIps {
    private final Ec2Client ec2;

    public Ec2ElasticIps(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<ElasticIp> find(String allocationId) {
        return call(() -> ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().stream()
                .filter(a -> allocationId.equals(a.allocationId()))
                .findFirst()
                .map(Ec2ElasticIps::toElasticIp));
    }

    @Override
    public Optional<Ownership.Tagged> instance(String instanceId) {
        return call(() -> ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .map(i -> new Ownership.Tagged(i.instanceId(), i.tags()))
                .findFirst());
    }

    @Override
    public String associate(String allocationId, String instanceId) {
        return call(() -> ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(instanceId)
                .allowReassociation(false)).associationId());
    }

    @Override
    public void disassociate(String associationId) {
        call(() -> ec2.disassociateAddress(r -> r.associationId(associationId)));
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translated(e);
        }
    }

    private static ElasticIp toElasticIp(Address address) {
        return new ElasticIp(address.allocationId(), address.publicIp(),
                Optional.ofNullable(address.instanceId()).filter(s -> !s.isEmpty()),
                Optional.ofNullable(address.associationId()).filter(s -> !s.isEmpty()),
                Ownership.asMap(address.tags()));
    }
}
