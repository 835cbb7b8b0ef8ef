package io.understudy.benchmarks.cloud;

import io.understudy.contract.*;
import io.understudy.execution.CommandResults;
import io.understudy.execution.Outcome;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantAnswersTest {
    private static final List<Topic> COMMAND_TOPICS =
            List.of(Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS, Topic.PROXY_COMMANDS, Topic.PROVISIONER_COMMANDS);

    private static EventMetadata meta() {
        return new EventMetadata("cmd-1", "env-1", "takeover-1", "cause-1", Instant.EPOCH, "test");
    }

    /** A command of every type the command topics carry: a new type without an example fails here first. */
    private static SpecificRecord example(Class<? extends SpecificRecord> type) {
        return switch (type.getSimpleName()) {
            case "AssociateAddress" -> new AssociateAddress(meta(), "eipalloc-1", "i-new", List.of("i-old"));
            case "SnapshotVolume" -> new SnapshotVolume(meta(), "vol-1");
            case "CreateVolumeFromSnapshot" -> new CreateVolumeFromSnapshot(meta(), "snap-1", "us-east-1b");
            case "AttachVolume" -> new AttachVolume(meta(), "vol-2", "i-new", "/dev/sdf");
            case "DetachVolume" -> new DetachVolume(meta(), "vol-2", "i-new");
            case "DeleteVolume" -> new DeleteVolume(meta(), "vol-2");
            case "ConfigureProxy" -> new ConfigureProxy(meta(), "i-new", "10.0.0.1",
                    List.of(new ProxyServer("i-new", "10.0.0.1"), new ProxyServer("i-s", "10.0.0.2")));
            case "CorroborateFailure" -> new CorroborateFailure(meta(), "i-old", "10.0.0.3");
            case "StopInstance" -> new StopInstance(meta(), "i-old", true, true);
            case "StartInstance" -> new StartInstance(meta(), "i-old", Role.APP_MASTER);
            case "RunInstance" -> new RunInstance(meta(), "ami-1", "stack-1", "us-east-1b", "subnet-1", Role.APP_SLAVE);
            case "SetInstanceRole" -> new SetInstanceRole(meta(), "i-new", Role.APP_MASTER);
            case "TerminateInstance" -> new TerminateInstance(meta(), "i-old");
            case "VerifyRegistration" -> new VerifyRegistration(meta(), List.of("i-1", "i-2"), List.of("vol-1"), "eipalloc-1");
            default -> throw new AssertionError("no example of " + type.getSimpleName() + ": add one, and its answer");
        };
    }

    private static Stream<Class<? extends SpecificRecord>> commandTypes() {
        return COMMAND_TOPICS.stream().flatMap(t -> t.valueTypes.stream());
    }

    @Test
    void everyCommandIsAnsweredWithTheOutputItsServiceReports() {
        commandTypes().forEach(type -> {
            SpecificRecord output = InstantAnswers.outputOf(example(type));
            // the output is one of CommandOutput's union: wrapping it is what the result's typed field takes
            assertThat(new CommandOutput(output).getValue()).as(type.getSimpleName()).isSameAs(output);
        });
    }

    @Test
    void answersFollowTheCommand() {
        assertThat(InstantAnswers.outputOf(example(AttachVolume.class))).isEqualTo(new VolumeAttached("vol-2", "/dev/sdf"));
        assertThat(InstantAnswers.outputOf(example(CorroborateFailure.class)))
                .isInstanceOfSatisfying(FailureJudged.class, j -> assertThat(j.getVerdict()).isEqualTo(FailureVerdict.confirmed));
        assertThat(InstantAnswers.outputOf(example(StopInstance.class))).isEqualTo(new InstanceStopped("stopped", "fenced"));
        assertThat(InstantAnswers.outputOf(example(SetInstanceRole.class))).isEqualTo(new RoleSet("app_master"));
        assertThat(InstantAnswers.outputOf(example(AssociateAddress.class)))
                .isInstanceOfSatisfying(AddressAssociated.class, a -> assertThat(a.getPreviousInstanceId()).isEqualTo("i-old"));
        assertThat(InstantAnswers.outputOf(example(ConfigureProxy.class)))
                .isInstanceOfSatisfying(ProxyConfigured.class, p -> assertThat(p.getServers()).containsExactly("i-new", "i-s"));
        assertThat(InstantAnswers.outputOf(example(RunInstance.class)))
                .isInstanceOfSatisfying(InstanceLaunched.class, i -> assertThat(i.getAvailabilityZone()).isEqualTo("us-east-1b"));
    }

    @Test
    void aRedeliveredCommandGetsTheSameAnswer() {
        assertThat(InstantAnswers.outputOf(example(SnapshotVolume.class))).isEqualTo(InstantAnswers.outputOf(example(SnapshotVolume.class)));
        assertThat(InstantAnswers.outputOf(example(RunInstance.class))).isEqualTo(InstantAnswers.outputOf(example(RunInstance.class)));
    }

    @Test
    void theResultNamesTheCommandAsTheRealServicesDo() {
        SpecificRecord command = example(SnapshotVolume.class);
        CommandResult result = CommandResults.of(command, Outcome.succeeded(InstantAnswers.outputOf(command)), "instant-cloud", Instant.EPOCH);
        assertThat(result.getCommandId()).isEqualTo("cmd-1");
        assertThat(result.getMeta().getCausationId()).isEqualTo("cmd-1");
        assertThat(result.getMeta().getTakeoverId()).isEqualTo("takeover-1");
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getOutput().getValue()).isInstanceOf(SnapshotTaken.class);
        assertThat(result.getOutputs()).containsKey("snapshotId");
    }

    @Test
    void aRecordThatIsNoCommandHasNoAnswer() {
        SpecificRecordBase notACommand = new TakeoverCompleted();
        notACommand.put("meta", meta());
        assertThatThrownBy(() -> InstantAnswers.outputOf(notACommand)).isInstanceOf(IllegalArgumentException.class);
    }
}
