package io.understudy.schemas.access;

import java.util.Set;

/** Who may write one topic, and who may read it. */
public record TopicAccess(Set<Principal> writers, Set<Principal> readers) {
    public TopicAccess {
        writers = Set.copyOf(writers);
        readers = Set.copyOf(readers);
    }
}
