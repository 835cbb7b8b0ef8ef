package io.understudy.volume.store;

import io.understudy.ec2.Ownership;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A volume as the cloud last described it: its tags, the instances it is attached to (or on its way to or from;
 * a finished detachment is not listed), and whether it is being deleted or gone already.
 */
public record DataVolume(String id, Map<String, String> tags, List<Attachment> attachments, boolean goingAway) {

    /** The volume on {@code instanceId}, at {@code device} as the cloud describes it: what the instance sees. */
    public record Attachment(String instanceId, String device) {
    }

    public DataVolume {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Ownership.Tagged tagged() {
        return new Ownership.Tagged(id, tags);
    }

    public Optional<Attachment> attachmentTo(String instanceId) {
        return attachments.stream().filter(a -> instanceId.equals(a.instanceId())).findFirst();
    }
}
