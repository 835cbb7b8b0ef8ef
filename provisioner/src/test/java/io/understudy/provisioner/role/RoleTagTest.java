package io.understudy.provisioner.role;

import io.understudy.contract.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTagTest {

    @Test
    void rolesAreWrittenAsTheAgentReadsThem() {
        assertThat(RoleTag.valueOf(Role.APP_MASTER)).contains("app_master");
        assertThat(RoleTag.valueOf(Role.APP_SLAVE)).contains("app_slave");
        assertThat(RoleTag.valueOf(Role.UTILITY)).contains("utility");
        assertThat(RoleTag.valueOf(Role.FENCED)).contains("fenced");
    }

    @Test
    void unknownIsNeverWritten() {
        assertThat(RoleTag.valueOf(Role.UNKNOWN)).isEmpty();
        assertThat(RoleTag.valueOf(null)).isEmpty();
    }
}
