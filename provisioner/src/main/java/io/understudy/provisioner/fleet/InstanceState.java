package io.understudy.provisioner.fleet;

/**
 * Where an instance is in its life, in the provisioner's words. {@link #toString()} is the name a result reports
 * ("stopped", "shutting-down"), EC2's own, which the saga and operators already read.
 */
public enum InstanceState {
    PENDING("pending"),
    RUNNING("running"),
    SHUTTING_DOWN("shutting-down"),
    TERMINATED("terminated"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    /** A state the adapter cannot name (a provider's new one). */
    UNKNOWN("unknown");

    private final String reported;

    InstanceState(String reported) {
        this.reported = reported;
    }

    /** The state called {@code reported}; {@link #UNKNOWN} for a name none has. */
    public static InstanceState of(String reported) {
        for (InstanceState state : values()) {
            if (state.reported.equals(reported)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return reported;
    }
}
