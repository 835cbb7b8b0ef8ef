package io.understudy.takeover.startup;

/** How the topics the orchestrator needs are created when they are missing. */
record TopicSettings(int partitions, short replicationFactor) {
}
