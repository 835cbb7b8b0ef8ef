package io.understudy.haproxy;

/**
 * One server of a backend as {@code show servers state} reports it.
 *
 * @param operationalState STOPPED, STARTING, RUNNING or STOPPING (HAProxy's srv_op_state 0..3)
 * @param adminState READY, or MAINT / DRAIN when an operator, a health check or a resolver took it out
 */
public record ServerState(String backend, String name, String address, int port, String operationalState, String adminState) {

    public boolean running() {
        return "RUNNING".equals(operationalState);
    }

    public boolean inMaintenance() {
        return "MAINT".equals(adminState);
    }
}
