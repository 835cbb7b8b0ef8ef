package io.understudy.broker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of a single node that is both controller and broker, everything replicated once; plaintext,
 * or secured when {@code security} is given.
 */
record BrokerSettings(Path dataDir, int brokerPort, int controllerPort, BrokerSecurity security) {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    Path logDir() {
        return dataDir.resolve("logs");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        if (security == null) {
            plaintext(p);
        } else {
            security.addTo(p, brokerPort, controllerPort);
        }
        p.put("log.dirs", logDir().toString());
        singleReplica(p);
        quickStart(p);
        return p;
    }

    private void plaintext(Properties p) {
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    }

    /** One node can hold one replica: every internal topic must accept that, or transactions and groups hang. */
    private static void singleReplica(Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
    }

    /** Fewer internal partitions and no rebalance delay: the first group or transaction is ready in milliseconds. */
    private static void quickStart(Properties p) {
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
    }
}
