package io.understudy.provisioner;

import io.understudy.ec2.testing.Ec2UnderTest;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Role;
import io.understudy.contract.RunInstance;
import io.understudy.contract.SetInstanceRole;
import io.understudy.contract.StartInstance;
import io.understudy.contract.StopInstance;
import io.understudy.contract.TerminateInstance;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.boot.RunInstanceHandler;
import io.understudy.provisioner.fence.StopInstanceHandler;
import io.understudy.provisioner.aws.Ec2Fleet;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.provisioner.retire.TerminateInstanceHandler;
import io.understudy.provisioner.role.RoleAssignment;
import io.understudy.provisioner.role.SetInstanceRoleHandler;
import io.understudy.provisioner.start.StartInstanceHandler;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import io.understudy.testing.faults.Exchange;
import io.understudy.testing.faults.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioner's handlers against moto, through a proxy that passes everything on and shows what was sent
 * (moto ignores Force and ClientToken, so only the request can show them). Judged by EC2's answers afterwards.
 */
class ProvisionerHandlersIT {
    private static final String IMAGE = "ami-12c6146b";
    private static Ec2Client ec2;
    private static Ec2UnderTest understudy;
    private static LoopbackNetwork network;
    private static String securityGroup;

    private ProvisionerSettings settings;
    private Fleet fleet;
    private String environment;

    @BeforeAll
    static void cloud() {
        ec2 = Infrastructure.get().ec2();
        understudy = Ec2UnderTest.faultless();
        network = LoopbackNetwork.create(ec2, "us-east-1a");
        createInstanceProfile("understudy-app");
        securityGroup = ec2.createSecurityGroup(r -> r.groupName("app-" + UUID.randomUUID()).description("app")
                .vpcId(network.vpcId())).groupId();
    }

    /** moto checks that the profile exists; IAM is a Query API on the same server, told apart by the signing scope. */
    private static void createInstanceProfile(String name) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(Infrastructure.get().ec2Endpoint() + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/iam/aws4_request, "
                            + "SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=" + name))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create instance profile " + name + " in moto", e);
        }
    }

    @AfterAll
    static void stop() {
        understudy.close();
    }

    @BeforeEach
    void provisioner() {
        settings = new ProvisionerSettings();
        settings.setSecurityGroupIds(List.of(securityGroup));
        settings.setInstanceProfile("understudy-app");
        settings.setBootTimeout(Duration.ofSeconds(20));
        settings.setStopTimeout(Duration.ofSeconds(20));
        settings.setTerminateTimeout(Duration.ofSeconds(20));
        settings.setTagTimeout(Duration.ofSeconds(5));
        fleet = new Ec2Fleet(understudy.client(), new Waits(Duration.ofMillis(100)));
        environment = "shop-" + UUID.randomUUID();
    }

    private EventMetadata meta(String commandId) {
        return EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment).setTakeoverId("t-1")
                .setOccurredAt(Instant.now()).setProducer("test").build();
    }

    private RunInstance runInstance(String commandId, String subnetId) {
        return RunInstance.newBuilder().setMeta(meta(commandId)).setImageId(IMAGE).setStackVersion("stack-7")
                .setAvailabilityZone("us-east-1a").setSubnetId(subnetId).setRole(Role.APP_SLAVE).build();
    }

    private Outcome boot(String commandId) {
        return new RunInstanceHandler(fleet, settings).handle(runInstance(commandId, network.subnetId()));
    }

    private Outcome stop(String instanceId, boolean force) {
        return new StopInstanceHandler(fleet, settings).handle(StopInstance.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID()))
                .setInstanceId(instanceId).setForce(force).build());
    }

    /** The stop the orchestrator sends: forced for a failure, with the role taken away first. */
    private Outcome fence(String instanceId) {
        return new StopInstanceHandler(fleet, settings).handle(StopInstance.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID()))
                .setInstanceId(instanceId).setForce(true).setFence(true).build());
    }

    private RoleAssignment roles() {
        return new RoleAssignment(fleet, new Waits(Duration.ofMillis(100)), settings);
    }

    /** A master as the environment has it before it fails: running, tagged app_master. */
    private String taggedMaster() {
        String master = master();
        ec2.createTags(r -> r.resources(master).tags(Tag.builder().key("understudy:role").value("app_master").build()));
        return master;
    }

    /** Where in the order of requests the proxy saw the first {@code action} whose form contains each of {@code parts}. */
    private static int firstIndexOf(String action, String... parts) {
        List<Exchange> exchanges = understudy.proxy().exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            if (e.action().equals(action) && List.of(parts).stream().allMatch(e.form()::contains)) {
                return i;
            }
        }
        throw new AssertionError("no " + action + " with " + List.of(parts) + " in " + exchanges.size() + " requests");
    }

    /** An instance of the test's environment, tagged as an operator tags what an environment is registered with. */
    private String master() {
        return instanceOf(environment);
    }

    private static String instanceOf(String owner) {
        return ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).subnetId(network.subnetId())
                        .tagSpecifications(t -> t.resourceType("instance")
                                .tags(Tag.builder().key("understudy:environment").value(owner).build())))
                .instances().get(0).instanceId();
    }

    private static String untagged() {
        return ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).subnetId(network.subnetId()))
                .instances().get(0).instanceId();
    }

    /** Refused for good with NotOwned, the error naming the instance, what it carries and the command's environment. */
    private void assertNotOwned(Outcome outcome, String instanceId, String carried) {
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(outcome.error()).contains(instanceId + " carries " + carried + ", not " + environment);
    }

    /** Requests after {@code from} that change something: anything but a look. */
    private static List<String> changesSince(int from) {
        List<Exchange> exchanges = understudy.proxy().exchanges();
        return exchanges.subList(from, exchanges.size()).stream().map(Exchange::action)
                .filter(a -> !a.startsWith("Describe")).toList();
    }

    private static Instance described(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static List<Exchange> sent(String action, String containing) {
        return understudy.proxy().exchanges().stream()
                .filter(e -> e.action().equals(action) && e.form().contains(containing)).toList();
    }

    @Test
    void aReplacementBootsFromTheStackImageIntoItsSubnetWithGroupsProfileTagsAndAClientToken() {
        String commandId = "cmd-" + UUID.randomUUID();

        Outcome outcome = boot(commandId);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        Instance instance = described(outcome.outputs().get("instanceId"));
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(instance.imageId()).isEqualTo(IMAGE);
        assertThat(instance.subnetId()).isEqualTo(network.subnetId());
        assertThat(instance.securityGroups()).extracting(g -> g.groupId()).containsExactly(securityGroup);
        assertThat(tags(instance.tags())).containsEntry("understudy:environment", environment)
                .containsEntry("understudy:role", "app_slave").containsEntry("understudy:stack-version", "stack-7")
                .containsEntry("understudy:command", commandId);
        assertThat(outcome.outputs()).containsEntry("availabilityZone", "us-east-1a")
                .containsEntry("subnetId", network.subnetId()).containsEntry("privateAddress", instance.privateIpAddress());
        assertThat(sent("RunInstances", "ClientToken=" + commandId)).hasSize(1);
        assertThat(sent("RunInstances", "IamInstanceProfile.Name=understudy-app")).hasSize(1);
        // healthy, not only running: the status checks were asked for this instance
        assertThat(sent("DescribeInstanceStatus", instance.instanceId())).isNotEmpty();
    }

    @Test
    void aRedeliveredBootFindsItsInstanceAndLaunchesNoSecond() {
        String commandId = "cmd-" + UUID.randomUUID();

        Outcome first = boot(commandId);
        Outcome again = boot(commandId);

        assertThat(again.succeeded()).as(again.error()).isTrue();
        assertThat(again.outputs().get("instanceId")).isEqualTo(first.outputs().get("instanceId"));
        assertThat(sent("RunInstances", "ClientToken=" + commandId)).hasSize(1);
        assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("tag:understudy:command").values(commandId)))
                .reservations()).hasSize(1);
    }

    @Test
    void anUnknownSubnetFailsForGoodWithItsCode() {
        Outcome outcome = new RunInstanceHandler(fleet, settings).handle(runInstance("cmd-" + UUID.randomUUID(), "subnet-0123456789abcdef0"));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "InvalidSubnetID.NotFound");
    }

    @Test
    void theFenceIsAForcedStop() {
        String master = master();

        Outcome outcome = stop(master, true);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(sent("StopInstances", "InstanceId.1=" + master)).singleElement()
                .satisfies(e -> assertThat(e.form()).contains("Force=true"));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsNeverAPermanentFailure() {
        String master = master();
        Outcome throttled;
        understudy.proxy().faults(new Faults(1.0, 0, 0, Duration.ZERO, 7));
        try {
            throttled = stop(master, true);
        } finally {
            understudy.proxy().faults(Faults.none());
        }
        Outcome later = stop(master, true);

        assertThat(throttled.succeeded()).isFalse();
        assertThat(throttled.retriable()).as(throttled.error()).isTrue();
        assertThat(throttled.outputs()).containsEntry("errorCode", "RequestLimitExceeded");
        assertThat(later.succeeded()).as(later.error()).isTrue();
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void aPlannedTakeoverStopsGracefully() {
        String master = master();

        Outcome outcome = stop(master, false);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(sent("StopInstances", "InstanceId.1=" + master)).singleElement()
                .satisfies(e -> assertThat(e.form()).doesNotContain("Force=true"));
    }

    @Test
    void aStopWithoutTheFenceLeavesTheRoleAsItIs() {
        String master = taggedMaster();

        Outcome outcome = stop(master, true);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsOnlyKeys("state");
        assertThat(tags(described(master).tags())).containsEntry("understudy:role", "app_master");
        assertThat(sent("CreateTags", master)).isEmpty();
    }

    @Test
    void theFenceTakesTheRoleAwayBeforeTheStop() {
        String master = taggedMaster();

        Outcome outcome = fence(master);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("state", "stopped").containsEntry("role", "fenced");
        Instance now = described(master);
        assertThat(now.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(tags(now.tags())).containsEntry("understudy:role", "fenced");
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(master), f -> f.name("key").values("understudy:role")))
                .tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("fenced"));
        assertThat(firstIndexOf("CreateTags", master, "fenced")).as("the role tag is written before the stop is asked for")
                .isLessThan(firstIndexOf("StopInstances", master));
        assertThat(sent("StopInstances", "InstanceId.1=" + master)).singleElement()
                .satisfies(e -> assertThat(e.form()).contains("Force=true"));
    }

    @Test
    void aRedeliveredFenceSucceedsAndChangesNothing() {
        String master = taggedMaster();
        fence(master);
        int requestsBefore = understudy.proxy().exchanges().size();

        Outcome again = fence(master);

        assertThat(again.succeeded()).as(again.error()).isTrue();
        assertThat(again.outputs()).containsEntry("state", "stopped").containsEntry("role", "fenced");
        assertThat(understudy.proxy().exchanges().subList(requestsBefore, understudy.proxy().exchanges().size()))
                .as("requests of the second delivery").extracting(Exchange::action).containsOnly("DescribeInstances");
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(tags(described(master).tags())).containsEntry("understudy:role", "fenced");
    }

    @Test
    void anInstanceStoppedWithItsRoleIsStrippedOfItByTheFence() {
        String master = taggedMaster();
        stop(master, false);

        Outcome outcome = fence(master);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("state", "stopped").containsEntry("role", "fenced");
        assertThat(tags(described(master).tags())).containsEntry("understudy:role", "fenced");
        assertThat(sent("StopInstances", "InstanceId.1=" + master)).as("stopped once, by the first command").hasSize(1);
    }

    @Test
    void aTerminatedInstanceIsFencedWithoutATag() {
        String master = taggedMaster();
        ec2.terminateInstances(r -> r.instanceIds(master));

        Outcome outcome = fence(master);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsOnly(Map.entry("state", "terminated"));
        assertThat(sent("CreateTags", master)).isEmpty();
        assertThat(sent("StopInstances", master)).isEmpty();
    }

    @Test
    void aFenceWhoseRoleCannotBeTakenAwayDoesNotStopTheInstance() {
        String master = taggedMaster();
        understudy.proxy().failWhen("CreateTags", form -> form.contains(master), "UnauthorizedOperation", 403);

        Outcome outcome = fence(master);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "UnauthorizedOperation");
        assertThat(outcome.error()).contains("fence " + master).contains("understudy:role=fenced");
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(sent("StopInstances", master)).isEmpty();
    }

    @Test
    void aStoppedMasterIsFencedAlreadyAndAnUnknownOneIsNot() {
        String master = master();
        stop(master, true);

        Outcome again = stop(master, true);
        Outcome unknown = stop("i-0123456789abcdef0", true);

        assertThat(again.succeeded()).isTrue();
        assertThat(again.outputs()).containsEntry("state", "stopped");
        assertThat(sent("StopInstances", "InstanceId.1=" + master)).hasSize(1);
        assertThat(unknown.succeeded()).isFalse();
        assertThat(unknown.retriable()).isFalse();
    }

    @Test
    void theFencedMastersFateTerminate() {
        String master = master();
        stop(master, true);

        Outcome outcome = new TerminateInstanceHandler(fleet, settings).handle(TerminateInstance.newBuilder()
                .setMeta(meta("cmd-" + UUID.randomUUID())).setInstanceId(master).build());

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.TERMINATED);
    }

    @Test
    void theFencedMastersFateUtilityKeepsItStoppedWithTheUtilityRole() {
        String master = master();
        stop(master, true);

        int requestsBefore = understudy.proxy().exchanges().size();
        Outcome outcome = new SetInstanceRoleHandler(fleet, roles()).handle(
                SetInstanceRole.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID())).setInstanceId(master)
                        .setRole(Role.UTILITY).build());

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(understudy.proxy().exchanges().subList(requestsBefore, understudy.proxy().exchanges().size()))
                .as("DescribeTags is asked until it shows the role, and moto shows it at once")
                .filteredOn(e -> e.action().equals("DescribeTags")).hasSize(1);
        assertThat(tags(described(master).tags())).containsEntry("understudy:role", "utility");
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void theFencedMastersFateUtilityStartsItAgainOnceAndAGoneOneIsAPermanentFailure() {
        String master = master();
        stop(master, true);

        Outcome started = start(master);
        Outcome again = start(master);
        String gone = master();
        ec2.terminateInstances(r -> r.instanceIds(gone));
        Outcome terminated = start(gone);

        assertThat(started.succeeded()).as(started.error()).isTrue();
        assertThat(started.outputs()).containsEntry("state", "running");
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(again.succeeded()).isTrue();
        assertThat(sent("StartInstances", "InstanceId.1=" + master)).as("started once").hasSize(1);
        assertThat(terminated.succeeded()).isFalse();
        assertThat(terminated.retriable()).isFalse();
        assertThat(terminated.error()).containsAnyOf("terminated", "shutting-down");
    }

    @Test
    void aMasterWhosePlannedTakeoverWasUndoneStartsAsMasterAgain() {
        String master = taggedMaster();
        fence(master);

        Outcome started = start(master, Role.APP_MASTER);
        Outcome again = start(master, Role.APP_MASTER);

        assertThat(started.succeeded()).as(started.error()).isTrue();
        assertThat(started.outputs()).containsEntry("state", "running").containsEntry("role", "app_master");
        Instance now = described(master);
        assertThat(now.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(tags(now.tags())).containsEntry("understudy:role", "app_master");
        assertThat(firstIndexOf("StartInstances", master)).as("the role is shown by DescribeTags before the start")
                .isGreaterThan(firstIndexOf("DescribeTags", master))
                .isGreaterThan(firstIndexOf("CreateTags", master, "app_master"));
        assertThat(again.succeeded()).as(again.error()).isTrue();
        assertThat(sent("StartInstances", "InstanceId.1=" + master)).as("started once").hasSize(1);
    }

    @Test
    void aStartWithoutARoleLeavesTheRoleAsItIs() {
        String master = taggedMaster();
        fence(master);

        Outcome started = start(master);

        assertThat(started.succeeded()).as(started.error()).isTrue();
        assertThat(started.outputs()).containsOnlyKeys("state");
        assertThat(tags(described(master).tags())).containsEntry("understudy:role", "fenced");
    }

    @Test
    void aStartAsNoRoleIsRefusedAndTheInstanceStaysStopped() {
        String master = taggedMaster();
        fence(master);

        Outcome outcome = start(master, Role.UNKNOWN);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("UNKNOWN is no role");
        assertThat(described(master).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(sent("StartInstances", master)).isEmpty();
    }

    private Outcome start(String instanceId) {
        return start(instanceId, null);
    }

    private Outcome start(String instanceId, Role role) {
        return new StartInstanceHandler(fleet, roles(), settings).handle(StartInstance.newBuilder()
                .setMeta(meta("cmd-" + UUID.randomUUID())).setInstanceId(instanceId).setRole(role).build());
    }

    @Test
    void anotherEnvironmentsInstanceIsNeitherFencedNorStopped() {
        String owner = "blog-" + UUID.randomUUID();
        String theirs = instanceOf(owner);
        ec2.createTags(r -> r.resources(theirs).tags(Tag.builder().key("understudy:role").value("app_master").build()));
        int before = understudy.proxy().exchanges().size();

        Outcome fenced = fence(theirs);
        Outcome stopped = stop(theirs, false);

        assertNotOwned(fenced, theirs, "understudy:environment=" + owner);
        assertNotOwned(stopped, theirs, "understudy:environment=" + owner);
        assertThat(described(theirs).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(tags(described(theirs).tags())).containsEntry("understudy:role", "app_master");
        assertThat(changesSince(before)).as("requests that change EC2").isEmpty();
    }

    @Test
    void anUntaggedInstanceIsNotStoppedAndAStoppedOneOfAnotherEnvironmentIsNotCalledFenced() {
        String nobodys = untagged();
        String owner = "blog-" + UUID.randomUUID();
        String theirs = instanceOf(owner);
        ec2.stopInstances(r -> r.instanceIds(theirs));
        int before = understudy.proxy().exchanges().size();

        Outcome untagged = stop(nobodys, true);
        Outcome alreadyStopped = fence(theirs);

        assertNotOwned(untagged, nobodys, "no understudy:environment");
        assertThat(described(nobodys).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertNotOwned(alreadyStopped, theirs, "understudy:environment=" + owner);
        assertThat(tags(described(theirs).tags())).doesNotContainKey("understudy:role");
        assertThat(changesSince(before)).as("requests that change EC2").isEmpty();
    }

    @Test
    void anotherEnvironmentsInstanceIsNotTerminatedStartedOrGivenARole() {
        String owner = "blog-" + UUID.randomUUID();
        String running = instanceOf(owner);
        String stopped = instanceOf(owner);
        ec2.stopInstances(r -> r.instanceIds(stopped));
        int before = understudy.proxy().exchanges().size();

        Outcome terminated = new TerminateInstanceHandler(fleet, settings).handle(TerminateInstance.newBuilder()
                .setMeta(meta("cmd-" + UUID.randomUUID())).setInstanceId(running).build());
        Outcome started = start(stopped, Role.UTILITY);
        Outcome master = new SetInstanceRoleHandler(fleet, roles()).handle(SetInstanceRole.newBuilder()
                .setMeta(meta("cmd-" + UUID.randomUUID())).setInstanceId(running).setRole(Role.APP_MASTER).build());

        assertNotOwned(terminated, running, "understudy:environment=" + owner);
        assertNotOwned(started, stopped, "understudy:environment=" + owner);
        assertNotOwned(master, running, "understudy:environment=" + owner);
        assertThat(described(running).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(described(stopped).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(tags(described(running).tags())).doesNotContainKey("understudy:role");
        assertThat(changesSince(before)).as("requests that change EC2").isEmpty();
    }
}
