package io.understudy.health.environments;

import io.understudy.contract.EnvironmentState;

import java.util.Set;

/** What an {@link EnvironmentStateReader} tells as it reads: each environment's latest state, and what it stops reading. */
public interface EnvironmentStateListener {

    /** @param environmentId the record's key, or the state's own id where the record has none */
    void changed(int partition, String environmentId, EnvironmentState state);

    /** The environment's tombstone: it is no longer watched. */
    void removed(String environmentId);

    /** Partitions the reader no longer reads: what it learned from them is no longer kept up to date. */
    void released(Set<Integer> partitions);
}
