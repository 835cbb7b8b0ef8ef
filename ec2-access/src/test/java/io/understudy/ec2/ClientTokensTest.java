package io.understudy.ec2;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTokensTest {

    @Test
    void aShortCommandIdIsItsOwnToken() {
        assertThat(ClientTokens.of("takeover-1/run-replacement/1")).isEqualTo("takeover-1/run-replacement/1");
    }

    @Test
    void aLongCommandIdBecomesAStableTokenEc2Accepts() {
        String id = "env-42:takeover-0b4a7c5e-8f0e-4c1d-9a61-2f6c1f6b8d11:run-replacement-slave:attempt-1";

        String token = ClientTokens.of(id);

        assertThat(token).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(ClientTokens.of(id));
        assertThat(ClientTokens.of(id + "x")).isNotEqualTo(token);
    }

    @Test
    void nonAsciiIsHashed() {
        assertThat(ClientTokens.of("prise-de-rôle")).hasSize(64);
    }
}
