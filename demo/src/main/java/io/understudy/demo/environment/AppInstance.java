package io.understudy.demo.environment;

/** One app instance of the demo's environment as EC2 reports it at creation. */
public record AppInstance(String instanceId, boolean master, String privateAddress, String zone) {
}
