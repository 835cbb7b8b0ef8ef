package io.understudy.sandbox;

import io.understudy.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;

/**
 * The contract against moto's EC2 server. moto is started alone (not through Infrastructure.get(), which would
 * start a Kafka broker this suite does not need).
 */
class MotoEc2ContractIT extends Ec2ContractTest {
    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(Path.of("target", "moto-contract"));
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Override
    protected Ec2Client client() {
        return Ec2Clients.client(moto.endpoint());
    }

    @Override
    protected String imageId() {
        return "ami-12c6146b";
    }
}
