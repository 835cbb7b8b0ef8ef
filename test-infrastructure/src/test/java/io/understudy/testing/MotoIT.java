package io.understudy.testing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MotoIT {

    @Test
    void answersDescribeInstances() {
        assertThat(Infrastructure.get().ec2().describeInstances().reservations()).isNotNull();
        assertThat(Infrastructure.get().ec2Endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void instancesInALoopbackNetworkGetLoopbackAddresses() {
        Ec2Client ec2 = Infrastructure.get().ec2();
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");

        Instance instance = ec2.runInstances(RunInstancesRequest.builder()
                .imageId("ami-12c6146b").instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                .subnetId(network.subnetId()).build()).instances().get(0);

        assertThat(network.subnetCidr()).matches("127\\.\\d+\\.\\d+\\.0/24");
        assertThat(instance.privateIpAddress()).startsWith(network.address(1).replaceAll("1$", ""));
        assertThat(instance.placement().availabilityZone()).isEqualTo(network.zone());
        assertThat(instance.vpcId()).isEqualTo(network.vpcId());
    }
}
