package io.understudy.invariants;

import java.util.Set;

/**
 * One instance as one sample saw it: EC2's state name and {@code understudy:role} tag (null when untagged), and
 * its own account of itself, null when it was not asked or did not answer.
 */
public record SampledInstance(String instanceId, String state, String role, String privateAddress, Duties duties) {
    public static final String MASTER = "app_master";
    public static final String FENCED = "fenced";
    private static final Set<String> LIVE = Set.of("pending", "running");
    private static final Set<String> DOWN = Set.of("stopping", "stopped", "shutting-down", "terminated");

    public SampledInstance {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("an instance needs its id");
        }
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("instance " + instanceId + " needs its EC2 state");
        }
    }

    /** What EC2 says: pending or running, and tagged master. A crashed master stays so until it is fenced. */
    public boolean masterByTag() {
        return LIVE.contains(state) && MASTER.equals(role);
    }

    /** What the instance says of itself. */
    public boolean claimsCron() {
        return duties != null && duties.cron();
    }

    /** Tagged fenced, or on its way down or gone: no place for the Elastic IP. */
    public boolean fencedOrDown() {
        return FENCED.equals(role) || DOWN.contains(state);
    }

    /** For people: {@code i-1 (running, tagged app_master, says it runs cron)}. */
    public String describe() {
        return instanceId + " (" + state + ", " + (role == null ? "untagged" : "tagged " + role)
                + (duties == null ? "" : duties.cron() ? ", says it runs cron" : ", says it runs no cron") + ")";
    }
}
