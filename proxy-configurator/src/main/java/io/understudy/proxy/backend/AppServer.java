package io.understudy.proxy.backend;

/** An app instance that a master's HAProxy should balance over: the server is named after the instance. */
public record AppServer(String instanceId, String address, int port) {
}
