package io.understudy.schemas.outcome;

import io.understudy.contract.CommandOutput;
import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.InstanceStopped;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.RegistrationVerified;
import io.understudy.contract.VolumeCreated;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed outputs rendered as the map results have always carried, and read back from it. */
class OutputsTest {

    @Test
    void anOutputRendersAsTheMapResultsHaveAlwaysCarried() {
        assertThat(Outputs.render(new ProxyConfigured(List.of("i-s1", "i-s2"), List.of("i-s1"), List.of("i-s2"),
                List.of(), List.of()))).isEqualTo(Map.of("servers", "i-s1,i-s2", "previousServers", "i-s1",
                "added", "i-s2", "removed", "", "repaired", ""));
        assertThat(Outputs.render(new FailureJudged(FailureVerdict.refuted, "200 from /health")))
                .isEqualTo(Map.of("verdict", "refuted", "evidence", "200 from /health"));
        assertThat(Outputs.render(new InstanceStopped("stopped", null))).isEqualTo(Map.of("state", "stopped"));
        assertThat(Outputs.render(new RegistrationVerified(3))).isEqualTo(Map.of("resources", "3"));
        assertThat(Outputs.render(null)).isEmpty();
    }

    @Test
    void everyKindOfOutputReadsBackFromItsRendering() {
        List<SpecificRecord> outputs = List.of(
                new InstanceLaunched("i-new", "10.0.1.20", "us-east-1a", "subnet-a", "ami-1", List.of("us-east-1b")),
                new ProxyConfigured(List.of("i-s1"), List.of(), List.of("i-s1"), List.of(), List.of()),
                new FailureJudged(FailureVerdict.confirmed, "connection refused"),
                new InstanceStopped("stopped", "fenced"), new RegistrationVerified(4), new VolumeCreated("vol-1"));

        for (SpecificRecord output : outputs) {
            assertThat(Outputs.parse(output.getClass(), Outputs.render(output)).map(SpecificRecord.class::cast))
                    .as(output.getSchema().getName()).contains(output);
        }
    }

    @Test
    void aMapLackingARequiredFieldIsNoOutputAndSaysWhatItLacks() {
        assertThat(Outputs.parse(VolumeCreated.class, Map.of("volume", "vol-1"))).isEmpty();
        assertThat(Outputs.parse(FailureJudged.class, Map.of("verdict", "maybe", "evidence", ""))).isEmpty();
        assertThat(Outputs.parse(RegistrationVerified.class, Map.of("resources", "three"))).isEmpty();
        assertThat(Outputs.missing(VolumeCreated.class, Map.of("volume", "vol-1"))).containsExactly("volumeId");
        assertThat(Outputs.parse(InstanceLaunched.class, Map.of("instanceId", "i-1", "privateAddress", "10.0.1.2",
                "availabilityZone", "us-east-1a"))).hasValueSatisfying(launched -> {
                    assertThat(launched.getSubnetId()).isEmpty();
                    assertThat(launched.getZonesWithoutCapacity()).isEmpty();
                });
    }

    @Test
    void everyOutputTypeHasFieldsTheMapCanCarry() {
        Schema union = SpecificData.get().getSchema(CommandOutput.class).getField("value").schema();
        for (Schema type : union.getTypes()) {
            @SuppressWarnings("unchecked")
            Class<? extends SpecificRecord> recordClass =
                    (Class<? extends SpecificRecord>) SpecificData.get().getClass(type);
            Map<String, String> rendered = type.getFields().stream()
                    .collect(java.util.stream.Collectors.toMap(Schema.Field::name, field -> sample(field.schema())));
            assertThat(Outputs.parse(recordClass, rendered)).as(type.getName()).isPresent();
        }
    }

    private static String sample(Schema schema) {
        return switch (schema.getType()) {
            case INT, LONG -> "1";
            case ENUM -> schema.getEnumSymbols().get(0);
            case UNION -> sample(schema.getTypes().get(1));
            default -> "x";
        };
    }
}
