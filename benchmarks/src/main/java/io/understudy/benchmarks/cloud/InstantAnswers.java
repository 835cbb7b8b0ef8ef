package io.understudy.benchmarks.cloud;

import io.understudy.contract.AddressAssociated;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.AttachVolume;
import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.CorroborateFailure;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.DeleteVolume;
import io.understudy.contract.DetachVolume;
import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.InstanceStarted;
import io.understudy.contract.InstanceStopped;
import io.understudy.contract.InstanceTerminated;
import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.ProxyServer;
import io.understudy.contract.RegistrationVerified;
import io.understudy.contract.Role;
import io.understudy.contract.RoleSet;
import io.understudy.contract.RunInstance;
import io.understudy.contract.SetInstanceRole;
import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.SnapshotVolume;
import io.understudy.contract.StartInstance;
import io.understudy.contract.StopInstance;
import io.understudy.contract.TerminateInstance;
import io.understudy.contract.VerifyRegistration;
import io.understudy.contract.VolumeAttached;
import io.understudy.contract.VolumeCreated;
import io.understudy.contract.VolumeDeleted;
import io.understudy.contract.VolumeDetached;
import io.understudy.execution.CommandResults;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a cloud that does everything at once answers each command with: the typed output the executing service's
 * handler reports on success. Resource ids it makes up derive from the command id, so a redelivered command gets
 * the same answer, as from the real services' ledger.
 */
public final class InstantAnswers {
    /** Where every launched instance lives, from the documentation range: nothing reaches it. */
    static final String PUBLIC_IP = "192.0.2.1";
    private static final String ZONE = "us-east-1a";

    private InstantAnswers() {
    }

    /** The output of {@code command} succeeding; fails for a command this cloud has no answer to. */
    public static SpecificRecord outputOf(SpecificRecord command) {
        String id = madeUpId(command);
        if (command instanceof AssociateAddress c) {
            List<String> holders = c.getExpectedHolders();
            return new AddressAssociated(PUBLIC_IP, "eipassoc-" + id, holders.isEmpty() ? "" : holders.get(0));
        } else if (command instanceof SnapshotVolume) {
            return new SnapshotTaken("snap-" + id);
        } else if (command instanceof CreateVolumeFromSnapshot) {
            return new VolumeCreated("vol-" + id);
        } else if (command instanceof AttachVolume c) {
            return new VolumeAttached(c.getVolumeId(), c.getDevice());
        } else if (command instanceof DetachVolume c) {
            return new VolumeDetached(c.getVolumeId());
        } else if (command instanceof DeleteVolume c) {
            return new VolumeDeleted(c.getVolumeId());
        } else if (command instanceof ConfigureProxy c) {
            List<String> servers = c.getServers().stream().map(ProxyServer::getInstanceId).toList();
            return new ProxyConfigured(servers, List.of(), servers, List.of(), List.of());
        } else if (command instanceof CorroborateFailure c) {
            return new FailureJudged(FailureVerdict.confirmed, "the instant cloud confirms every failure of " + c.getInstanceId());
        } else if (command instanceof StopInstance c) {
            return new InstanceStopped("stopped", c.getFence() ? roleTag(Role.FENCED) : null);
        } else if (command instanceof StartInstance c) {
            return new InstanceStarted("running", c.getRole() == null ? null : roleTag(c.getRole()));
        } else if (command instanceof RunInstance c) {
            return new InstanceLaunched("i-" + id, "10.200." + (id.charAt(0) % 250) + "." + (id.charAt(1) % 250 + 1),
                    c.getAvailabilityZone().isEmpty() ? ZONE : c.getAvailabilityZone(),
                    c.getSubnetId() == null ? "" : c.getSubnetId(), c.getImageId(), List.of());
        } else if (command instanceof SetInstanceRole c) {
            return new RoleSet(roleTag(c.getRole()));
        } else if (command instanceof TerminateInstance) {
            return new InstanceTerminated("terminated");
        } else if (command instanceof VerifyRegistration c) {
            return new RegistrationVerified(c.getInstanceIds().size() + c.getVolumeIds().size() + 1);
        }
        throw new IllegalArgumentException("the instant cloud has no answer to " + command.getSchema().getName());
    }

    /** The role as the provisioner tags it: {@code app_master}, {@code fenced}, ... */
    private static String roleTag(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static String madeUpId(SpecificRecord command) {
        String commandId = CommandResults.metaOf(command).getEventId();
        return UUID.nameUUIDFromBytes(commandId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 17);
    }
}
