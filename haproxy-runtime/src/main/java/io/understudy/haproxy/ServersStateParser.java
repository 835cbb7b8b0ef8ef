package io.understudy.haproxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code show servers state} (format version 1). Columns are found by the header's names, because
 * HAProxy appends new columns over versions.
 */
final class ServersStateParser {
    private static final String[] OPERATIONAL = {"STOPPED", "STARTING", "RUNNING", "STOPPING"};
    // srv_admin_state bits: 0x01 forced, 0x02 inherited, 0x04 from config, 0x20 resolver, 0x40 health-check maintenance
    private static final int MAINT_BITS = 0x01 | 0x02 | 0x04 | 0x20 | 0x40;
    // 0x08 forced, 0x10 inherited drain
    private static final int DRAIN_BITS = 0x08 | 0x10;

    private ServersStateParser() {
    }

    static List<ServerState> parse(String command, String answer) {
        List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2 || !lines.get(0).strip().equals("1") || !lines.get(1).startsWith("#")) {
            throw new HaproxyRefusedException(command, answer);
        }
        List<String> header = Arrays.asList(lines.get(1).substring(1).strip().split("\\s+"));
        List<ServerState> servers = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            servers.add(server(header, line.strip().split("\\s+")));
        }
        return List.copyOf(servers);
    }

    private static ServerState server(List<String> header, String[] fields) {
        return new ServerState(
                field(header, fields, "be_name"),
                field(header, fields, "srv_name"),
                field(header, fields, "srv_addr"),
                Integer.parseInt(field(header, fields, "srv_port")),
                operational(Integer.parseInt(field(header, fields, "srv_op_state"))),
                admin(Integer.parseInt(field(header, fields, "srv_admin_state"))));
    }

    private static String field(List<String> header, String[] fields, String name) {
        int index = header.indexOf(name);
        if (index < 0 || index >= fields.length) {
            throw new IllegalStateException("show servers state has no column " + name + " in " + String.join(" ", fields));
        }
        return fields[index];
    }

    static String operational(int state) {
        return state >= 0 && state < OPERATIONAL.length ? OPERATIONAL[state] : "UNKNOWN(" + state + ")";
    }

    static String admin(int bits) {
        if ((bits & MAINT_BITS) != 0) {
            return "MAINT";
        }
        if ((bits & DRAIN_BITS) != 0) {
            return "DRAIN";
        }
        return "READY";
    }
}
