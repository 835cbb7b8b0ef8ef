package io.understudy.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.util.UUID;

/** The contract against the sandbox, with real processes behind every instance. */
class SandboxEc2ContractIT extends Ec2ContractTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(Path.of("target", "sb-" + UUID.randomUUID().toString().substring(0, 6)), 0);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected Ec2Client client() {
        return Ec2Clients.client(sandbox.endpoint());
    }

    @Override
    protected String imageId() {
        return "ami-sandbox-2026.11";
    }
}
