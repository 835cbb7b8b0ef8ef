package io.understudy.schemas.topic;

/** Confluent's TopicRecordNameStrategy: one subject per (topic, record type). */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String topicRecord(String topic, String recordFullName) {
        return topic + "-" + recordFullName;
    }
}
