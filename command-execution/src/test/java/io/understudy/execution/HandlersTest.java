package io.understudy.execution;

import io.understudy.contract.AssociateAddress;
import io.understudy.contract.StopInstance;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlersTest {

    private static <C extends SpecificRecord> CommandHandler<C> handlerOf(Class<C> type) {
        return new CommandHandler<>() {
            @Override
            public Class<C> commandType() {
                return type;
            }

            @Override
            public Outcome handle(C command) {
                return Outcome.succeeded(Map.of());
            }
        };
    }

    @Test
    void everyCommandOfTheTopicNeedsAHandler() {
        assertThatThrownBy(() -> Handlers.forTopic(Topic.PROVISIONER_COMMANDS, List.of(handlerOf(StopInstance.class))))
                .hasMessageContaining("no handler for RunInstance, SetInstanceRole, TerminateInstance");
    }

    @Test
    void aHandlerForAnotherTopicsCommandIsRefused() {
        assertThatThrownBy(() -> Handlers.forTopic(Topic.IP_COMMANDS,
                List.of(handlerOf(AssociateAddress.class), handlerOf(StopInstance.class))))
                .hasMessageContaining("StopInstance").hasMessageContaining("not a command of IP_COMMANDS");
    }

    @Test
    void twoHandlersForOneCommandAreRefused() {
        assertThatThrownBy(() -> Handlers.forTopic(Topic.IP_COMMANDS,
                List.of(handlerOf(AssociateAddress.class), handlerOf(AssociateAddress.class))))
                .hasMessageContaining("two handlers for AssociateAddress");
    }

    @Test
    void aCompleteSetIsAccepted() {
        assertThat(Handlers.forTopic(Topic.IP_COMMANDS, List.of(handlerOf(AssociateAddress.class))).topic())
                .isEqualTo(Topic.IP_COMMANDS);
    }
}
