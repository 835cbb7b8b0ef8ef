package io.understudy.ec2;

import io.understudy.contract.EventMetadata;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTest {

    private static EventMetadata meta(String takeoverId) {
        return EventMetadata.newBuilder().setEventId("cmd-1").setEnvironmentId("env-1").setTakeoverId(takeoverId)
                .setOccurredAt(Instant.EPOCH).setProducer("takeover-orchestrator").build();
    }

    @Test
    void aResourceNamesItsEnvironmentTakeoverAndCommand() {
        assertThat(Provenance.tags(meta("t-1"))).containsExactly(
                Tag.builder().key("understudy:environment").value("env-1").build(),
                Tag.builder().key("understudy:takeover").value("t-1").build(),
                Tag.builder().key("understudy:command").value("cmd-1").build());
    }

    @Test
    void withoutATakeoverThereIsNoTakeoverTag() {
        assertThat(Provenance.tags(meta(null))).extracting(Tag::key)
                .containsExactly("understudy:environment", "understudy:command");
    }

    @Test
    void theCommandFilterFindsWhatTheCommandMade() {
        assertThat(Provenance.madeBy("cmd-1").name()).isEqualTo("tag:understudy:command");
        assertThat(Provenance.madeBy("cmd-1").values()).containsExactly("cmd-1");
    }
}
