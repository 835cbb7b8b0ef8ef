package io.understudy.testing;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A VPC 127.X.0.0/16 with one subnet 127.X.Y.0/24 in moto: instances launched there get loopback private
 * addresses (127.X.Y.4, ...), so every probe and every HAProxy server stays on this machine. X is random so
 * that test runs side by side rarely pick the same addresses.
 */
public record LoopbackNetwork(String vpcId, String subnetId, String zone, String subnetCidr) {

    public static LoopbackNetwork create(Ec2Client ec2, String zone) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int x = random.nextInt(16, 251);
        int y = random.nextInt(1, 255);
        String vpcId = ec2.createVpc(CreateVpcRequest.builder().cidrBlock("127." + x + ".0.0/16").build()).vpc().vpcId();
        String subnetCidr = "127." + x + "." + y + ".0/24";
        String subnetId = ec2.createSubnet(CreateSubnetRequest.builder()
                .vpcId(vpcId).cidrBlock(subnetCidr).availabilityZone(zone).build()).subnet().subnetId();
        return new LoopbackNetwork(vpcId, subnetId, zone, subnetCidr);
    }

    /** {@code 127.X.Y.<host>} inside the subnet, e.g. for an instance a test plays without moto. */
    public String address(int host) {
        if (host < 1 || host > 254) {
            throw new IllegalArgumentException("host " + host + " is not in 1..254");
        }
        return subnetCidr.substring(0, subnetCidr.lastIndexOf('.') + 1) + host;
    }
}
