"""A subscriber that knows nothing of Understudy but the registry's address and its own read-only principal decodes
every public event type, and may not write the topic it reads."""
import json
import struct
import time
import uuid
from datetime import datetime, timezone

from confluent_kafka import Consumer, KafkaError, Producer
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext

STARTED = datetime(2026, 11, 29, 10, 0, 0, 250000, tzinfo=timezone.utc)
PUBLIC_TYPES = {"TakeoverStarted", "TakeoverStepStarted", "TakeoverStepFailed", "TakeoverStepSucceeded",
                "TakeoverStepCompensated", "TakeoverFailed", "TakeoverCompleted", "CapacityDegraded"}


def read_environment(interop, expected, timeout_s=30.0):
    """Every record of the environment, in log order, as (record name, decoded dict)."""
    # a subscriber's groups start with its principal's name: the only groups its ACLs let it use
    consumer = Consumer({**interop["kafka"], "group.id": f"{interop['user'] or 'subscriber'}-interop-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed",
                         "enable.auto.commit": False})
    deserialize = AvroDeserializer(interop["registry"])
    context = SerializationContext(interop["topic"], MessageField.VALUE)
    found = []
    try:
        consumer.subscribe([interop["topic"]])
        deadline = time.monotonic() + timeout_s
        while len(found) < expected and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error() or message.key().decode() != interop["environment"]:
                continue
            found.append((record_name(interop, message.value()), deserialize(message.value(), context)))
    finally:
        consumer.close()
    assert len(found) == expected, f"saw {len(found)} of {expected} events of {interop['environment']}: {found}"
    return found


def record_name(interop, framed):
    """The writer's record name, from the schema id in the Confluent framing."""
    magic, schema_id = struct.unpack(">bI", framed[:5])
    assert magic == 0
    return json.loads(interop["registry"].get_schema(schema_id).schema_str)["name"]


def test_every_public_event_type_decodes(interop):
    events = dict(read_environment(interop, expected=len(PUBLIC_TYPES)))

    assert set(events) == PUBLIC_TYPES
    for name, event in events.items():
        meta = event["meta"]
        assert meta["environmentId"] == interop["environment"], name
        assert meta["takeoverId"] == "tk-interop", name
        assert meta["causationId"] == "health-1", name
        assert meta["producer"] == "contract-tests", name
        assert meta["occurredAt"] >= STARTED, name


def test_field_values_survive_the_trip(interop):
    events = dict(read_environment(interop, expected=len(PUBLIC_TYPES)))

    started = events["TakeoverStarted"]
    assert started["kind"] == "MASTER_TAKEOVER"
    assert started["failedInstanceId"] == "i-master"
    assert started["candidateInstanceId"] == "i-slave-1"
    failed_step = events["TakeoverStepFailed"]
    assert (failed_step["step"], failed_step["attempt"], failed_step["retriable"]) == ("volume", 1, True)
    assert events["TakeoverStepSucceeded"]["outputs"] == {"volumeId": "vol-1"}
    assert events["TakeoverCompleted"]["newMasterInstanceId"] is None
    assert events["TakeoverCompleted"]["replacementInstanceId"] == "i-replacement"
    assert events["TakeoverFailed"]["startedAt"] == STARTED
    capacity = events["CapacityDegraded"]
    assert (capacity["requiredAppInstances"], capacity["runningAppInstances"]) == (4, 3)


def test_may_not_write_the_public_topic(interop):
    """The broker refuses the subscriber's record: only the orchestrator writes the public topic."""
    outcomes = []
    producer = Producer({**interop["kafka"], "acks": "all", "message.timeout.ms": 15000})
    producer.produce(interop["topic"], key=interop["environment"], value=b"forged by a subscriber",
                     on_delivery=lambda err, message: outcomes.append(err))
    producer.flush(30)

    assert len(outcomes) == 1, f"no delivery report within 30 s: {outcomes}"
    assert outcomes[0] is not None, "the subscriber's record was written"
    assert outcomes[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED, outcomes[0]
