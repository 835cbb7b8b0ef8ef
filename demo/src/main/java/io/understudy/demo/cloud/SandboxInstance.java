package io.understudy.demo.cloud;

/** An instance as the sandbox's own API reports it: its process group, and whether that is still alive. */
public record SandboxInstance(String instanceId, String privateAddress, long pgid, boolean alive) {
}
