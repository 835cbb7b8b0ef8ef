"""Where the broker and the registry are, and as whom to reach the broker: the Java side of the contract tests starts
them and passes them here."""
import os

import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient


def kafka_config():
    """confluent-kafka's (librdkafka's) names for what the Java side hands over: SASL_SSL as one principal on the
    suite's secured broker, trusting the authority it made; or plaintext, where the broker runs without security."""
    config = {"bootstrap.servers": os.environ["INTEROP_BOOTSTRAP"],
              "security.protocol": os.environ.get("INTEROP_SECURITY_PROTOCOL", "PLAINTEXT")}
    if os.environ.get("INTEROP_SASL_USERNAME"):
        config.update({"sasl.mechanism": os.environ["INTEROP_SASL_MECHANISM"],
                       "sasl.username": os.environ["INTEROP_SASL_USERNAME"],
                       "sasl.password": os.environ["INTEROP_SASL_PASSWORD"]})
    if os.environ.get("INTEROP_CA"):
        config["ssl.ca.location"] = os.environ["INTEROP_CA"]
    return config


def registry_config():
    """confluent-kafka's SchemaRegistryClient for the registry, with the principal's registry credentials
    (basic.auth.user.info: the reader's for a subscriber, the writer's for a producer that registers)."""
    config = {"url": os.environ["INTEROP_REGISTRY"]}
    if os.environ.get("INTEROP_REGISTRY_USER_INFO"):
        config["basic.auth.user.info"] = os.environ["INTEROP_REGISTRY_USER_INFO"]
    return config


@pytest.fixture(scope="session")
def interop():
    missing = [name for name in ("INTEROP_BOOTSTRAP", "INTEROP_REGISTRY", "INTEROP_TOPIC", "INTEROP_ENVIRONMENT")
               if not os.environ.get(name)]
    if missing:
        pytest.fail(f"run through PythonClientIT (mvn verify -pl contract-tests): {', '.join(missing)} not set")
    return {
        "kafka": kafka_config(),
        "user": os.environ.get("INTEROP_SASL_USERNAME"),
        "registry": SchemaRegistryClient(registry_config()),
        "topic": os.environ["INTEROP_TOPIC"],
        "environment": os.environ["INTEROP_ENVIRONMENT"],
    }
