"""confluent-kafka's own Avro serializer writes a public event with the registered schema; Understudy reads it."""
from datetime import datetime, timezone

from confluent_kafka import Producer
from confluent_kafka.schema_registry import topic_record_subject_name_strategy
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

STARTED = datetime(2026, 11, 29, 10, 0, 0, 250000, tzinfo=timezone.utc)
RECORD = "io.understudy.contract.TakeoverStarted"


def test_writes_a_takeover_started(interop):
    subject = f"{interop['topic']}-{RECORD}"
    schema = interop["registry"].get_latest_version(subject).schema.schema_str
    serialize = AvroSerializer(interop["registry"], schema,
                               conf={"subject.name.strategy": topic_record_subject_name_strategy})
    event = {
        "meta": {"eventId": "py-1", "environmentId": interop["environment"], "takeoverId": None,
                 "causationId": None, "occurredAt": STARTED, "producer": "confluent-kafka-python"},
        "kind": "PLANNED_TAKEOVER",
        "failedInstanceId": "i-retiring",
        "candidateInstanceId": None,
        "reason": "scheduled retirement",
    }
    value = serialize(event, SerializationContext(interop["topic"], MessageField.VALUE))
    producer = Producer({**interop["kafka"], "acks": "all"})
    producer.produce(interop["topic"], key=interop["environment"], value=value)
    assert producer.flush(30) == 0, "the record was not acknowledged within 30 s"
