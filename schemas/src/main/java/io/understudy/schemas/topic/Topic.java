package io.understudy.schemas.topic;

import io.understudy.contract.*;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic Understudy reads or writes. Keys are environment ids (UTF-8 strings) on all of them,
 * so one environment's records stay ordered in one partition.
 */
public enum Topic {
    OPERATOR_COMMANDS("understudy.operator-commands", Audience.INTERNAL, Cleanup.DELETE,
            RegisterEnvironment.class, PlannedTakeover.class, PauseEnvironment.class, ResumeEnvironment.class),
    HEALTH_EVENTS("understudy.health-events", Audience.INTERNAL, Cleanup.DELETE,
            InstanceSuspected.class, InstanceFailed.class, InstanceRecovered.class, ImpendingFailure.class,
            InstanceFlapping.class, ObserverSelfSuspicion.class),
    /** Each health-monitor replica's verdicts per instance, which the replicas' quorum turns into health events. */
    HEALTH_OBSERVATIONS("understudy.health-observations", Audience.INTERNAL, Cleanup.DELETE,
            HealthObservation.class),
    IP_COMMANDS("understudy.commands.ip-manager", Audience.INTERNAL, Cleanup.DELETE,
            AssociateAddress.class),
    VOLUME_COMMANDS("understudy.commands.volume-manager", Audience.INTERNAL, Cleanup.DELETE,
            SnapshotVolume.class, CreateVolumeFromSnapshot.class, AttachVolume.class,
            DetachVolume.class, DeleteVolume.class),
    PROXY_COMMANDS("understudy.commands.proxy-configurator", Audience.INTERNAL, Cleanup.DELETE,
            ConfigureProxy.class, CorroborateFailure.class),
    PROVISIONER_COMMANDS("understudy.commands.provisioner", Audience.INTERNAL, Cleanup.DELETE,
            StopInstance.class, RunInstance.class, SetInstanceRole.class, TerminateInstance.class,
            StartInstance.class, VerifyRegistration.class),
    COMMAND_RESULTS("understudy.command-results", Audience.INTERNAL, Cleanup.DELETE,
            CommandResult.class),
    TAKEOVER_EVENTS("understudy.takeover-events", Audience.PUBLIC, Cleanup.KEEP_FOREVER,
            TakeoverStarted.class, TakeoverStepStarted.class, TakeoverStepSucceeded.class,
            TakeoverStepFailed.class, TakeoverStepCompensated.class, TakeoverCompleted.class,
            TakeoverFailed.class, CapacityDegraded.class, EnvironmentPaused.class, EnvironmentResumed.class,
            TakeoverStepSkipped.class, RegistrationRefused.class),
    ENVIRONMENT_STATE("understudy.environment-state", Audience.INTERNAL, Cleanup.COMPACT,
            EnvironmentState.class),
    /** What each executing service did with each command id, so a redelivered command is answered, not re-run. */
    COMMAND_LEDGER("understudy.command-ledger", Audience.INTERNAL, Cleanup.COMPACT,
            CommandResult.class),
    /**
     * Every input the takeover saga decided on, in the order it decided, kept forever: an audit replays it through
     * the saga's own decide() and must arrive at the state and the public events that were recorded.
     */
    SAGA_JOURNAL("understudy.saga-journal", Audience.INTERNAL, Cleanup.KEEP_FOREVER,
            RegisterEnvironment.class, PlannedTakeover.class, PauseEnvironment.class, ResumeEnvironment.class,
            InstanceSuspected.class, InstanceFailed.class, InstanceRecovered.class, ImpendingFailure.class,
            InstanceFlapping.class, CommandResult.class, SagaTick.class),
    DEAD_LETTERS("understudy.dead-letters", Audience.INTERNAL, Cleanup.KEEP_FOREVER,
            DeadLetter.class);

    /** Public schemas are read by systems we do not control, so they evolve FULL_TRANSITIVE. */
    public enum Audience {
        PUBLIC("FULL_TRANSITIVE"), INTERNAL("BACKWARD");

        public final String compatibility;

        Audience(String compatibility) {
            this.compatibility = compatibility;
        }
    }

    /** Audit and dead letters must outlive any default retention; state keeps the latest value per key. */
    public enum Cleanup {
        DELETE(Map.of("cleanup.policy", "delete")),
        KEEP_FOREVER(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
        COMPACT(Map.of("cleanup.policy", "compact"));

        public final Map<String, String> configs;

        Cleanup(Map<String, String> configs) {
            this.configs = configs;
        }
    }

    public static final int DEFAULT_PARTITIONS = 6;

    public final String topicName;
    public final Audience audience;
    public final Cleanup cleanup;
    public final List<Class<? extends SpecificRecord>> valueTypes;

    @SafeVarargs
    Topic(String topicName, Audience audience, Cleanup cleanup, Class<? extends SpecificRecord>... valueTypes) {
        this.topicName = topicName;
        this.audience = audience;
        this.cleanup = cleanup;
        this.valueTypes = List.of(valueTypes);
    }

    /** The topic of this name, if it is one of Understudy's. */
    public static Optional<Topic> named(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }

    public boolean carries(Class<? extends SpecificRecord> type) {
        return valueTypes.contains(type);
    }

    /** Subject of a value type on this topic: Confluent's TopicRecordNameStrategy, so each event type evolves on its own. */
    public String subject(Class<? extends SpecificRecord> type) {
        return SubjectNames.topicRecord(topicName, type.getName());
    }
}
