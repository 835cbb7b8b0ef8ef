package io.understudy.ec2;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnershipTest {
    private static final Tag ROLE = Tag.builder().key("understudy:role").value("app_master").build();

    private static Ownership.Tagged tagged(String id, String environment) {
        return new Ownership.Tagged(id, List.of(ROLE, Tag.builder().key("understudy:environment").value(environment).build()));
    }

    @Test
    void aResourceCarryingTheEnvironmentIsItsOwn() {
        assertThat(Ownership.breach(tagged("i-1", "env-a"), "env-a")).isEmpty();
        assertThat(Ownership.refusal("stop i-1", "env-a", tagged("i-1", "env-a"), tagged("vol-1", "env-a"))).isEmpty();
    }

    @Test
    void anotherEnvironmentsResourceAndAnUntaggedOneAreNamedWithWhatTheyCarry() {
        assertThat(Ownership.breach(tagged("eipalloc-1", "env-b"), "env-a"))
                .contains("eipalloc-1 carries understudy:environment=env-b, not env-a");
        assertThat(Ownership.breach(new Ownership.Tagged("i-2", List.of(ROLE)), "env-a"))
                .contains("i-2 carries no understudy:environment, not env-a");
        assertThat(Ownership.breach(new Ownership.Tagged("i-3", (List<Tag>) null), "env-a"))
                .contains("i-3 carries no understudy:environment, not env-a");
    }

    @Test
    void aRefusalIsPermanentCarriesTheCodeAndNamesEveryResourceNotOwned() {
        Ec2Failure refused = Ownership.refusal("attach vol-1 to i-1", "env-a",
                tagged("vol-1", "env-b"), tagged("i-1", "env-a"), new Ownership.Tagged("i-9", List.of())).orElseThrow();

        assertThat(refused.kind()).isEqualTo(Ec2Errors.Kind.PERMANENT);
        assertThat(refused.retriable()).isFalse();
        assertThat(refused.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(refused.error()).isEqualTo("cannot attach vol-1 to i-1: Understudy.NotOwned: "
                + "vol-1 carries understudy:environment=env-b, not env-a; i-9 carries no understudy:environment, not env-a");
    }
}
