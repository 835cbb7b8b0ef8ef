package io.understudy.sandbox.api;

import java.util.UUID;

/** EC2 answers every request with a request id, errors included; the SDK puts it in its exceptions. */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }
}
