package io.understudy.demo.summary;

/**
 * The environment as the outside world shows it once the takeover is over: which instance answers through the
 * Elastic IP, how many run cron, what the replacement runs, how many app instances run.
 */
public record Aftermath(String elasticIpAnsweredBy, int instancesRunningCron, String replacementStackVersion,
                        int appInstancesRunning) {
}
