"""Where the broker and the registry are: the Java side of the contract tests starts them and passes them here."""
import os

import pytest
from confluent_kafka.schema_registry import SchemaRegistryClient


@pytest.fixture(scope="session")
def interop():
    missing = [name for name in ("INTEROP_BOOTSTRAP", "INTEROP_REGISTRY", "INTEROP_TOPIC", "INTEROP_ENVIRONMENT")
               if not os.environ.get(name)]
    if missing:
        pytest.fail(f"run through PythonClientIT (mvn verify -pl contract-tests): {', '.join(missing)} not set")
    return {
        "bootstrap": os.environ["INTEROP_BOOTSTRAP"],
        "registry": SchemaRegistryClient({"url": os.environ["INTEROP_REGISTRY"]}),
        "topic": os.environ["INTEROP_TOPIC"],
        "environment": os.environ["INTEROP_ENVIRONMENT"],
    }
