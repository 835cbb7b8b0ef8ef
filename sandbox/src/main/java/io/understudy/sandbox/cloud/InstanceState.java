package io.understudy.sandbox.cloud;

/** EC2's instance states with their numeric codes, as DescribeInstances reports them. */
public enum InstanceState {
    PENDING(0, "pending"), RUNNING(16, "running"), SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"), STOPPING(64, "stopping"), STOPPED(80, "stopped");

    private final int code;
    private final String ec2Name;

    InstanceState(int code, String ec2Name) {
        this.code = code;
        this.ec2Name = ec2Name;
    }

    public int code() {
        return code;
    }

    public String ec2Name() {
        return ec2Name;
    }

    /** Whether the instance's process group should exist. */
    public boolean live() {
        return this == PENDING || this == RUNNING;
    }
}
