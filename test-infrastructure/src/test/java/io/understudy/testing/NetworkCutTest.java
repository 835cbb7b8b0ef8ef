package io.understudy.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkCutTest {
    private static final String MOUNTS = """
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;

    @Test
    void finds_the_cgroup2_mount_among_the_mounts_and_none_where_there_is_none() {
        assertThat(NetworkCut.cgroup2Mount(MOUNTS)).contains(Path.of("/sys/fs/cgroup/unified"));
        assertThat(NetworkCut.cgroup2Mount("cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n")).contains(Path.of("/sys/fs/cgroup"));
        assertThat(NetworkCut.cgroup2Mount("cgroup /sys/fs/cgroup/cpu cgroup rw 0 0\n")).isEmpty();
    }

    @Test
    void names_everything_that_is_missing_and_how_to_get_it() {
        assertThat(NetworkCut.missing(0, Optional.of(Path.of("/usr/sbin/iptables")), Optional.of(Path.of("/sys/fs/cgroup")))).isEmpty();
        assertThat(NetworkCut.missing(1000, Optional.empty(), Optional.empty())).containsExactly(
                "root (packet filter rules and cgroups), but runs as uid 1000",
                "iptables, not found on PATH nor in /usr/sbin and /sbin (Debian package iptables)",
                "a cgroup v2 hierarchy, but /proc/mounts shows no cgroup2 mount");
    }

    @Test
    void starts_a_command_by_joining_the_group_first_under_the_same_process() {
        assertThat(NetworkCut.join(Path.of("/cg/x"), List.of("java", "-jar", "a b.jar")))
                .containsExactly("sh", "-c", "echo $$ > \"$1\" || exit 97; shift; exec \"$@\"", "sh", "/cg/x/cgroup.procs",
                        "java", "-jar", "a b.jar");
    }
}
