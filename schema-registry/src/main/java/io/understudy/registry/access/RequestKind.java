package io.understudy.registry.access;

import java.util.Locale;

/**
 * Whether a request of the Confluent REST API only reads or changes something. Every GET (and HEAD, OPTIONS) reads;
 * so do the two POSTs that only ask: looking a schema up under a subject ({@code POST /subjects/{subject}}) and
 * testing compatibility ({@code POST /compatibility/...}). Everything else writes: registering
 * ({@code POST /subjects/{subject}/versions}), {@code PUT} of levels and modes, every {@code DELETE}, and any method
 * or path this registry does not know, so a new endpoint is guarded until someone says otherwise.
 */
public enum RequestKind {
    READ,
    WRITE;

    public static RequestKind of(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS")) {
            return READ;
        }
        if (verb.equals("POST")) {
            String[] segments = segments(path);
            if (segments.length == 2 && segments[0].equals("subjects")) {
                return READ;
            }
            if (segments.length >= 1 && segments[0].equals("compatibility")) {
                return READ;
            }
        }
        return WRITE;
    }

    private static String[] segments(String path) {
        String trimmed = path == null ? "" : path;
        int query = trimmed.indexOf('?');
        if (query >= 0) {
            trimmed = trimmed.substring(0, query);
        }
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
