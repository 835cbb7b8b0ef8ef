package io.understudy.provisioner.fleet;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.understudy.provisioner.placement.SpreadPolicy;

import java.time.Duration;
import java.util.List;

/** {@code understudy.provisioner.*}: what a booted instance looks like, and how long state changes may take. */
@ConfigurationProperties("understudy.provisioner")
public class ProvisionerSettings {
    private String instanceType = "t3.micro";
    private String keyName = "";
    private List<String> securityGroupIds = List.of();
    private Duration bootTimeout = Duration.ofMinutes(10);
    /** A graceful stop lets the instance shut down in its own time; a forced one still takes a while on EC2. */
    private Duration stopTimeout = Duration.ofMinutes(10);
    private Duration terminateTimeout = Duration.ofMinutes(10);
    /** How long DescribeTags may take to show a just-written role tag. */
    private Duration tagTimeout = Duration.ofSeconds(30);
    /** An instance profile name or ARN for replacements; empty: none (the role must then come another way). */
    private String instanceProfile = "";
    /** {@code spread} (fewest of the environment's instances first) or {@code as-commanded} (the command's zone first). */
    private String placement = "spread";
    /**
     * Subnets an environment may boot into besides the one the command names: those of the same VPC carrying this
     * tag with the same value. Without the tag on the named subnet, the named subnet is the only place.
     */
    private String subnetGroupTag = "understudy:subnet-group";
    /** "Healthy" is EC2's instance and system status checks passing, not only the state running. */
    private boolean awaitStatusOk = true;

    public String getInstanceType() {
        return instanceType;
    }

    public void setInstanceType(String instanceType) {
        this.instanceType = instanceType;
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName == null ? "" : keyName.trim();
    }

    public List<String> getSecurityGroupIds() {
        return securityGroupIds;
    }

    public void setSecurityGroupIds(List<String> securityGroupIds) {
        this.securityGroupIds = securityGroupIds == null ? List.of()
                : securityGroupIds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Duration getBootTimeout() {
        return bootTimeout;
    }

    public void setBootTimeout(Duration bootTimeout) {
        this.bootTimeout = bootTimeout;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public Duration getTerminateTimeout() {
        return terminateTimeout;
    }

    public void setTerminateTimeout(Duration terminateTimeout) {
        this.terminateTimeout = terminateTimeout;
    }

    public Duration getTagTimeout() {
        return tagTimeout;
    }

    public void setTagTimeout(Duration tagTimeout) {
        this.tagTimeout = tagTimeout;
    }

    public String getInstanceProfile() {
        return instanceProfile;
    }

    public void setInstanceProfile(String instanceProfile) {
        this.instanceProfile = instanceProfile == null ? "" : instanceProfile.trim();
    }

    public String getPlacement() {
        return placement;
    }

    public void setPlacement(String placement) {
        SpreadPolicy.Mode.of(placement);
        this.placement = placement;
    }

    public SpreadPolicy.Mode placementMode() {
        return SpreadPolicy.Mode.of(placement);
    }

    public String getSubnetGroupTag() {
        return subnetGroupTag;
    }

    public void setSubnetGroupTag(String subnetGroupTag) {
        this.subnetGroupTag = subnetGroupTag == null ? "" : subnetGroupTag.trim();
    }

    public boolean isAwaitStatusOk() {
        return awaitStatusOk;
    }

    public void setAwaitStatusOk(boolean awaitStatusOk) {
        this.awaitStatusOk = awaitStatusOk;
    }
}
