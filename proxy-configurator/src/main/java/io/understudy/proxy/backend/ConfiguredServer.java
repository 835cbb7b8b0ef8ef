package io.understudy.proxy.backend;

/** A server as the instance's HAProxy has it right now. */
public record ConfiguredServer(String instanceId, String address, int port, AdminState admin) {

    /** HAProxy's administrative state: only READY servers take new traffic. */
    public enum AdminState { READY, DRAIN, MAINT }

    /** Taking traffic, or draining: not retired. */
    public boolean inService() {
        return admin != AdminState.MAINT;
    }

    boolean serves(AppServer wanted) {
        return address.equals(wanted.address()) && port == wanted.port() && admin != AdminState.MAINT;
    }
}
