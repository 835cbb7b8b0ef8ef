package io.understudy.haproxy;

/** HAProxy could not be reached or did not answer in time: the command may not have been applied. */
public class HaproxyUnavailableException extends RuntimeException {

    public HaproxyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
