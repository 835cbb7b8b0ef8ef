package io.understudy.ec2;

import io.understudy.contract.EventMetadata;
import io.understudy.schemas.tags.ResourceTags;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags that say which environment, takeover and command made a resource. They make resources traceable in the
 * console years later, and the command tag makes creation idempotent where EC2 has no client token
 * (CreateSnapshot) or where the endpoint ignores it (moto): look for the command's resource before creating one.
 */
public final class Provenance {
    public static final String ENVIRONMENT = ResourceTags.ENVIRONMENT;
    public static final String TAKEOVER = "understudy:takeover";
    public static final String COMMAND = "understudy:command";

    private Provenance() {
    }

    public static List<Tag> tags(EventMetadata command) {
        List<Tag> tags = new ArrayList<>();
        tags.add(tag(ENVIRONMENT, command.getEnvironmentId()));
        if (command.getTakeoverId() != null && !command.getTakeoverId().isEmpty()) {
            tags.add(tag(TAKEOVER, command.getTakeoverId()));
        }
        tags.add(tag(COMMAND, command.getEventId()));
        return tags;
    }

    public static TagSpecification on(ResourceType type, List<Tag> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    public static Filter madeBy(String commandId) {
        return Filter.builder().name("tag:" + COMMAND).values(commandId).build();
    }

    public static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
