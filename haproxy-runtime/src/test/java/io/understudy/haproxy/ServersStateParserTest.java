package io.understudy.haproxy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServersStateParserTest {
    private static final String HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight "
            + "srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state "
            + "srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port "
            + "srv_check_addr srv_agent_addr srv_agent_port\n";

    @Test
    void readsEveryServerWithItsStates() {
        String answer = HEADER
                + "4 app 1 i-1 127.0.0.1 2 0 1 1 0 1 0 0 0 0 0 0 - 18080 - 0 0 - - 0\n"
                + "4 app 2 i-2 127.9.1.4 0 1 1 1 0 1 0 0 2 0 0 0 - 8080 - 0 0 - - 0\n"
                + "4 app 3 i-3 127.9.1.5 2 8 1 1 0 1 0 0 2 0 0 0 - 8081 - 0 0 - - 0\n\n";

        List<ServerState> servers = ServersStateParser.parse("show servers state app", answer);

        assertThat(servers).containsExactly(
                new ServerState("app", "i-1", "127.0.0.1", 18080, "RUNNING", "READY"),
                new ServerState("app", "i-2", "127.9.1.4", 8080, "STOPPED", "MAINT"),
                new ServerState("app", "i-3", "127.9.1.5", 8081, "RUNNING", "DRAIN"));
        assertThat(servers.get(0).running()).isTrue();
        assertThat(servers.get(1).inMaintenance()).isTrue();
    }

    @Test
    void anEmptyBackendHasNoServers() {
        assertThat(ServersStateParser.parse("show servers state app", HEADER + "\n")).isEmpty();
    }

    @Test
    void anUnknownBackendIsRefusedWithHaproxysWords() {
        assertThatThrownBy(() -> ServersStateParser.parse("show servers state nope", "Can't find backend.\n\n"))
                .isInstanceOf(HaproxyRefusedException.class)
                .hasMessageContaining("Can't find backend.");
    }

    @Test
    void maintenanceWinsOverDrainAndHealthCheckMaintenanceCounts() {
        assertThat(ServersStateParser.admin(0x01 | 0x08)).isEqualTo("MAINT");
        assertThat(ServersStateParser.admin(0x40)).isEqualTo("MAINT");
        assertThat(ServersStateParser.admin(0x10)).isEqualTo("DRAIN");
        assertThat(ServersStateParser.operational(3)).isEqualTo("STOPPING");
    }
}
