package io.understudy.provisioner.registration;

import io.understudy.contract.RegistrationVerified;
import io.understudy.contract.VerifyRegistration;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Ownership.Tagged;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before the saga takes a registration in, checks against the cloud that everything it names is the environment's:
 * each instance, each data volume and the Elastic IP exists and carries {@code understudy:environment} with the
 * environment's id. A registration naming another environment's address would otherwise hand that address to this
 * environment's next takeover. Changes nothing. The refusal names every resource that fails the check and what it
 * carries, in words the operator reads on the public topic (RegistrationRefused); a check that could not be made
 * (throttling, EC2 unavailable) is a retriable failure, which the saga sends again.
 */
@Singleton
public class VerifyRegistrationHandler implements CommandHandler<VerifyRegistration> {
    private final RegisteredResources resources;

    public VerifyRegistrationHandler(RegisteredResources resources) {
        this.resources = resources;
    }

    @Override
    public Class<VerifyRegistration> commandType() {
        return VerifyRegistration.class;
    }

    @Override
    public Outcome handle(VerifyRegistration command) {
        String environmentId = command.getMeta().getEnvironmentId();
        List<String> instanceIds = distinct(command.getInstanceIds());
        List<String> volumeIds = distinct(command.getVolumeIds());
        List<String> allocationIds = distinct(List.of(command.getAllocationId()));
        try {
            List<String> breaches = new ArrayList<>();
            check(instanceIds, resources.instances(instanceIds), environmentId, breaches);
            check(volumeIds, resources.volumes(volumeIds), environmentId, breaches);
            check(allocationIds, resources.addresses(allocationIds), environmentId, breaches);
            if (!breaches.isEmpty()) {
                return Ownership.refused(breaches).into(Outcome::failed);
            }
            int checked = instanceIds.size() + volumeIds.size() + allocationIds.size();
            return Outcome.succeeded(new RegistrationVerified(checked));
        } catch (CloudCallFailed e) {
            return e.failure("check the resources of " + environmentId + " against EC2").into(Outcome::failed);
        }
    }

    private static void check(List<String> named, Map<String, Tagged> described, String environmentId, List<String> breaches) {
        for (String id : named) {
            Optional<Tagged> resource = Optional.ofNullable(described.get(id));
            breaches.addAll(resource.map(r -> Ownership.breach(r, environmentId).stream().toList())
                    .orElseGet(() -> List.of(Ownership.missing(id))));
        }
    }

    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
