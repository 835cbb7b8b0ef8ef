package io.understudy.haproxy;

/** One line of the master CLI's {@code show proc}: the master itself or one of its workers. */
public record HaproxyProc(long pid, String type, int reloads) {

    public boolean worker() {
        return "worker".equals(type);
    }

    public boolean master() {
        return "master".equals(type);
    }
}
