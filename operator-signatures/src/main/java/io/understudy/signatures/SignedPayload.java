package io.understudy.signatures;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a signature covers: the topic, the record's key and its value, exactly as written (for a contract record, the
 * Confluent wire bytes: magic byte, schema id, Avro body). Binding the topic and key means a signed pause of one
 * environment cannot be replayed as a pause of another, or onto another topic.
 */
final class SignedPayload {
    private static final String VERSION = "understudy.operator-command.v1";

    private SignedPayload() {
    }

    static byte[] of(String topic, byte[] key, byte[] value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(VERSION);
            out.writeUTF(topic);
            writeField(out, key);
            writeField(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeField(DataOutputStream out, byte[] field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(field.length);
        out.write(field);
    }
}
