package io.understudy.proxy.backend;

/** The wanted servers cannot be configured as given: retrying the same command cannot help. */
public class InvalidServersException extends RuntimeException {

    public InvalidServersException(String message) {
        super(message);
    }
}
