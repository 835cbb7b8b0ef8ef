package io.understudy.ip.pivot;

import io.understudy.ip.aws.Ec2ElasticIps;
import io.understudy.ec2.testing.Ec2UnderTest;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pivot as a compare-and-set. Races are staged by the proxy: just before the handler's call reaches moto,
 * another party (the test's own client, straight to moto) moves the address elsewhere.
 */
class PivotRaceIT {
    private static Ec2Client ec2;
    private static Ec2UnderTest understudy;
    private static LoopbackNetwork network;

    private AssociateAddressHandler handler;
    private String master;
    private String candidate;
    private String other;
    private AllocateAddressResponse address;

    @BeforeAll
    static void cloud() {
        ec2 = Infrastructure.get().ec2();
        understudy = Ec2UnderTest.faultless();
        network = LoopbackNetwork.create(ec2, "us-east-1a");
    }

    @AfterAll
    static void stop() {
        understudy.close();
    }

    @BeforeEach
    void environment() {
        handler = new AssociateAddressHandler(new Ec2ElasticIps(understudy.client()), new Waits(Duration.ofMillis(100)), Duration.ofSeconds(5));
        master = launch();
        candidate = launch();
        other = launch();
        address = ec2.allocateAddress(r -> r.domain(DomainType.VPC)
                .tagSpecifications(AssociateAddressHandlerIT.ownedBy(ResourceType.ELASTIC_IP, AssociateAddressHandlerIT.ENVIRONMENT)));
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
    }

    private static String launch() {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                        .tagSpecifications(AssociateAddressHandlerIT.ownedBy(ResourceType.INSTANCE, AssociateAddressHandlerIT.ENVIRONMENT)))
                .instances().get(0).instanceId();
    }

    private Address described() {
        return ec2.describeAddresses(r -> r.allocationIds(address.allocationId())).addresses().get(0);
    }

    private void anotherPartyMovesItTo(String instanceId) {
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(instanceId).allowReassociation(true));
    }

    @Test
    void theAddressIsTakenOnlyFromTheAssociationSeenAndBoundOnlyWhileUnbound() {
        String seen = described().associationId();

        Outcome outcome = handler.handle(AssociateAddressHandlerIT.associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described().instanceId()).isEqualTo(candidate);
        assertThat(understudy.proxy().exchanges()).filteredOn(e -> e.action().equals("DisassociateAddress"))
                .anySatisfy(e -> assertThat(e.form()).contains("AssociationId=" + seen));
        assertThat(understudy.proxy().exchanges()).filteredOn(e -> e.action().equals("AssociateAddress")
                        && e.form().contains("InstanceId=" + candidate))
                .singleElement().satisfies(e -> assertThat(e.form()).contains("AllowReassociation=false"));
    }

    @Test
    void anAddressMovedBeforeTheUnbindIsLeftWhereItWent() {
        understudy.proxy().onceBefore("DisassociateAddress", () -> anotherPartyMovesItTo(other));

        Outcome outcome = handler.handle(AssociateAddressHandlerIT.associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Resource.AlreadyAssociated");
        assertThat(outcome.error()).contains(other);
        assertThat(described().instanceId()).isEqualTo(other);
    }

    @Test
    void anAddressBoundByAnotherAfterTheUnbindIsNotStolen() {
        understudy.proxy().onceBefore("AssociateAddress", () -> anotherPartyMovesItTo(other));

        Outcome outcome = handler.handle(AssociateAddressHandlerIT.associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Resource.AlreadyAssociated");
        assertThat(described().instanceId()).isEqualTo(other);
    }

    @Test
    void losingTheRaceToTheSameCandidateIsStillASuccess() {
        understudy.proxy().onceBefore("AssociateAddress", () -> anotherPartyMovesItTo(candidate));

        Outcome outcome = handler.handle(AssociateAddressHandlerIT.associate(address.allocationId(), candidate));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described().instanceId()).isEqualTo(candidate);
    }
}
