package io.understudy.demo.instance;

/** The ports every sandbox instance listens on at its private address, and the Elastic IP's frontend. */
public final class SandboxPorts {
    public static final int APP = 8080;
    public static final int PROXY = 8000;
    public static final int ADMIN = 9999;
    public static final String BACKEND = "app";

    private SandboxPorts() {
    }
}
