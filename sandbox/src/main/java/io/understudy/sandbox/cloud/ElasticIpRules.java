package io.understudy.sandbox.cloud;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** EC2's rules for Elastic IPs: allocation on free loopback addresses, association, reassociation, release. */
final class ElasticIpRules {
    private final CloudState state;
    private final Resources resources;
    private final Lookup lookup;
    private final Runnable save;

    ElasticIpRules(CloudState state, Resources resources, Lookup lookup, Runnable save) {
        this.state = state;
        this.resources = resources;
        this.lookup = lookup;
        this.save = save;
    }

    Address allocateAddress(Map<String, String> tags) {
        List<String> taken = state.addresses.values().stream().map(a -> a.publicIp).toList();
        if (state.lastPublicHost == 0) {
            state.lastPublicHost = 1 + ThreadLocalRandom.current().nextInt(254);
        }
        String publicIp = null;
        for (int step = 1; step <= 254 && publicIp == null; step++) {
            int host = 1 + (state.lastPublicHost - 1 + step) % 254;
            String candidate = "127.88.0." + host;
            if (!taken.contains(candidate) && resources.addressFree(candidate, Cloud.ELASTIC_IP_PORT)) {
                publicIp = candidate;
                state.lastPublicHost = host;
            }
        }
        if (publicIp == null) {
            throw new Ec2Exception("AddressLimitExceeded", "The sandbox has no more public addresses");
        }
        Address address = new Address();
        address.allocationId = Ids.next("eipalloc");
        address.publicIp = publicIp;
        address.tags.putAll(tags);
        state.addresses.put(address.allocationId, address);
        save.run();
        return address;
    }

    /** Reassociation is EC2's default; {@code allowReassociation=false} refuses to take the address from another instance. */
    Address associateAddress(String allocationId, String publicIp, String instanceId, Boolean allowReassociation) {
        Address address = lookup.address(allocationId, publicIp);
        Instance instance = lookup.existing(List.of(instanceId)).get(0);
        if (instance.state == InstanceState.TERMINATED || instance.state == InstanceState.SHUTTING_DOWN) {
            throw new Ec2Exception("IncorrectInstanceState", "The instance '" + instanceId + "' is not in a valid state for this operation.");
        }
        if (address.associated() && !address.instanceId.equals(instanceId) && Boolean.FALSE.equals(allowReassociation)) {
            throw new Ec2Exception("Resource.AlreadyAssociated", "resource " + address.allocationId + " is already associated with associate-id " + address.associationId);
        }
        for (Address other : state.addresses.values()) {
            if (other != address && instanceId.equals(other.instanceId)) {
                // an instance has one public address: the new one replaces the old
                other.instanceId = null;
                other.associationId = null;
                resources.unbind(other);
            }
        }
        address.instanceId = instanceId;
        address.associationId = Ids.next("eipassoc");
        save.run();
        resources.bind(address, instance);
        return address;
    }

    void disassociateAddress(String associationId, String publicIp) {
        Address address = state.addresses.values().stream()
                .filter(a -> associationId != null ? associationId.equals(a.associationId) : a.publicIp.equals(publicIp))
                .findFirst()
                .orElseThrow(() -> associationId != null
                        ? Ec2Exception.notFound("InvalidAssociationID.NotFound", associationId, "association ID")
                        : Ec2Exception.notFound("InvalidAddress.NotFound", String.valueOf(publicIp), "address"));
        if (address.associated()) {
            address.instanceId = null;
            address.associationId = null;
            save.run();
            resources.unbind(address);
        }
    }

    void releaseAddress(String allocationId) {
        Address address = lookup.address(allocationId, null);
        if (address.associated()) {
            throw new Ec2Exception("InvalidIPAddress.InUse", "Address " + address.publicIp + " is in use.");
        }
        state.addresses.remove(allocationId);
        save.run();
    }

    List<Address> describeAddresses(List<String> allocationIds, List<String> publicIps, List<Filter> filters) {
        Stream<Address> selected = Lookup.select(state.addresses, allocationIds, "InvalidAllocationID.NotFound", "allocation ID", "eipalloc-");
        if (!publicIps.isEmpty()) {
            for (String ip : publicIps) {
                if (state.addresses.values().stream().noneMatch(a -> a.publicIp.equals(ip))) {
                    throw Ec2Exception.notFound("InvalidAddress.NotFound", ip, "address");
                }
            }
            selected = selected.filter(a -> publicIps.contains(a.publicIp));
        }
        return selected.filter(a -> Filter.all(filters, a.tags, name -> Attributes.of(a, name))).toList();
    }

    /** EC2 releases an instance's public address when it terminates. */
    void releaseAddressesOf(Instance instance) {
        for (Address address : state.addresses.values()) {
            if (instance.instanceId.equals(address.instanceId)) {
                address.instanceId = null;
                address.associationId = null;
                resources.unbind(address);
            }
        }
    }
}
