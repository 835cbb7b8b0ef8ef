package io.understudy.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** Confluent's framing: magic byte 0, big-endian 4-byte schema id, then the Avro binary body. */
final class WireFormat {
    static final byte MAGIC = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static ByteBuffer header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC).putInt(schemaId).flip();
    }

    /** The schema id of a framed value; the buffer is left at the start of the body. */
    static int readSchemaId(ByteBuffer framed) {
        if (framed.remaining() < HEADER_SIZE) {
            throw new SerializationException("not in the Confluent wire format: " + framed.remaining()
                    + " bytes, shorter than the 5-byte header");
        }
        byte magic = framed.get();
        if (magic != MAGIC) {
            throw new SerializationException("not in the Confluent wire format: magic byte is " + magic + ", not 0");
        }
        return framed.getInt();
    }
}
