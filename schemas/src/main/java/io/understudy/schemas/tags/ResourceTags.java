package io.understudy.schemas.tags;

/**
 * The tags on cloud resources (instances, volumes, snapshots, Elastic IPs) that Understudy and the people who run it
 * rely on: the executing services, the IAM policy's conditions, the tools that build environments and the checkers
 * that watch them. One home for each key, so that a renamed key breaks the build, not a takeover.
 */
public final class ResourceTags {
    /**
     * The environment a resource belongs to. Understudy acts only on resources that carry the command's environment
     * here, and tags everything it creates with it; an operator tags what an environment is registered with.
     */
    public static final String ENVIRONMENT = "understudy:environment";
    /** An instance's role in its environment, the single source of truth for master duties (cron, migrations). */
    public static final String ROLE = "understudy:role";
    /** The stack version an instance runs, tagged when it is launched. */
    public static final String STACK_VERSION = "understudy:stack-version";

    private ResourceTags() {
    }
}
