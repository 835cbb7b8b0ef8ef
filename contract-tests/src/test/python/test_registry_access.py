"""confluent-kafka's own SchemaRegistryClient against Understudy's registry, which takes HTTP basic credentials:
registering needs the writer's, the reader's are refused for it (403), none at all too (401); reads need the reader's
or the writer's, unless the registry lets anyone read. Run through PythonClientIT, once per way of reading."""
import os
import uuid
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

SCHEMA = Schema('{"type": "record", "name": "Probe", "namespace": "interop", '
                '"fields": [{"name": "id", "type": "string"}]}', "AVRO")


@pytest.fixture(scope="module")
def registry():
    missing = [name for name in ("INTEROP_REGISTRY_ADDRESS", "INTEROP_REGISTRY_WRITER", "INTEROP_REGISTRY_READER",
                                 "INTEROP_REGISTRY_READS") if not os.environ.get(name)]
    if missing:
        pytest.fail(f"run through PythonClientIT (mvn verify -pl contract-tests): {', '.join(missing)} not set")
    return {"address": os.environ["INTEROP_REGISTRY_ADDRESS"], "writer": os.environ["INTEROP_REGISTRY_WRITER"],
            "reader": os.environ["INTEROP_REGISTRY_READER"], "reads": os.environ["INTEROP_REGISTRY_READS"]}


def anonymous(registry):
    return SchemaRegistryClient({"url": registry["address"]})


def as_user_info(registry, user_info):
    """Credentials as basic.auth.user.info."""
    return SchemaRegistryClient({"url": registry["address"], "basic.auth.user.info": user_info})


def in_the_url(registry, user_info):
    """Credentials as user info in the URL, http://user:password@host:port."""
    user, password = user_info.split(":", 1)
    parts = urlsplit(registry["address"])
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{parts.netloc}"
    return SchemaRegistryClient({"url": urlunsplit((parts.scheme, netloc, parts.path, "", ""))})


def subject():
    return f"interop-access-{uuid.uuid4()}-value"


def test_registering_without_credentials_is_refused_with_40101(registry):
    with pytest.raises(SchemaRegistryError) as refused:
        anonymous(registry).register_schema(subject(), SCHEMA)

    assert refused.value.http_status_code == 401, refused.value
    assert refused.value.error_code == 40101, refused.value


def test_registering_as_the_reader_is_forbidden_with_40301(registry):
    for reader in (as_user_info(registry, registry["reader"]), in_the_url(registry, registry["reader"])):
        with pytest.raises(SchemaRegistryError) as refused:
            reader.register_schema(subject(), SCHEMA)

        assert refused.value.http_status_code == 403, refused.value
        assert refused.value.error_code == 40301, refused.value


def test_the_writer_registers(registry):
    name = subject()
    schema_id = in_the_url(registry, registry["writer"]).register_schema(name, SCHEMA)

    assert schema_id > 0
    assert as_user_info(registry, registry["writer"]).register_schema(name, SCHEMA) == schema_id


def test_the_reader_and_the_writer_read(registry):
    name = subject()
    schema_id = as_user_info(registry, registry["writer"]).register_schema(name, SCHEMA)

    for client in (as_user_info(registry, registry["reader"]), in_the_url(registry, registry["reader"]),
                   as_user_info(registry, registry["writer"])):
        assert '"Probe"' in client.get_schema(schema_id).schema_str
        assert client.get_latest_version(name).schema_id == schema_id
        assert client.lookup_schema(name, SCHEMA).schema_id == schema_id


def test_reads_without_credentials_follow_the_configured_mode(registry):
    name = subject()
    schema_id = as_user_info(registry, registry["writer"]).register_schema(name, SCHEMA)

    if registry["reads"] == "open":
        assert anonymous(registry).get_latest_version(name).schema_id == schema_id
        assert '"Probe"' in anonymous(registry).get_schema(schema_id).schema_str
    else:
        assert registry["reads"] == "authenticated", registry["reads"]
        with pytest.raises(SchemaRegistryError) as refused:
            anonymous(registry).get_schema(schema_id)
        assert refused.value.error_code == 40101, refused.value
        with pytest.raises(SchemaRegistryError) as wrong:
            as_user_info(registry, registry["reader"].split(":", 1)[0] + ":not-the-password").get_latest_version(name)
        assert wrong.value.error_code == 40101, wrong.value
