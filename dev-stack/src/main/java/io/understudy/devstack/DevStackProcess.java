package io.understudy.devstack;

import io.understudy.broker.BrokerAccess;
import io.understudy.broker.KafkaBroker;
import io.understudy.kafka.ClientFiles;
import io.understudy.registry.EmbeddedSchemaRegistry;
import io.understudy.registry.access.ReadAccess;
import io.understudy.registry.access.RegistryAccess;
import io.understudy.schemas.access.AccessControl;
import io.understudy.schemas.access.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The background JVM behind {@code up}: broker and registry until SIGTERM, then both closed cleanly. The broker is
 * secured unless {@code --insecure}; the registry reaches it as its own principal, and {@code stack.properties} says
 * how the operator does, and where the operator's certificate and the operators' authority are (made at every start).
 * The registry, too, is secured unless {@code --insecure}: a writer and a reader with passwords made up at each start,
 * reads authenticated.
 */
public final class DevStackProcess {
    static final String LOGBACK_CONFIG = "devstack-process-logback.xml";
    private static final Logger LOG = LoggerFactory.getLogger(DevStackProcess.class);
    /** Understudy's principals and what each may do: the same table as everywhere Understudy runs. */
    private static final BrokerAccess UNDERSTUDY = new BrokerAccess(Principal.ADMIN.userName, AccessControl.users(),
            AccessControl.bindings());

    private DevStackProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackOptions options = StackOptions.parse(List.of(args));
        StackFiles files = new StackFiles(options.dir());
        long pid = ProcessHandle.current().pid();
        files.writePid(pid);
        KafkaBroker broker = null;
        EmbeddedSchemaRegistry registry = null;
        try {
            broker = options.insecure() ? KafkaBroker.start(files.kafkaData(), options.kafkaPort())
                    : KafkaBroker.startSecured(files.kafkaData(), options.kafkaPort(), UNDERSTUDY);
            registry = EmbeddedSchemaRegistry.start(broker.clientSettings(Principal.SCHEMA_REGISTRY.userName), options.registryPort(),
                    options.insecure() ? RegistryAccess.insecure() : RegistryAccess.generated(ReadAccess.AUTHENTICATED));
        } catch (RuntimeException e) {
            LOG.error("the dev stack did not start", e);
            close(registry, broker);
            files.forgetRunningStack();
            System.exit(1);
        }
        OperatorFiles operators = OperatorFiles.create(files.operatorsDir(), System.getProperty("user.name"));
        StackAddresses addresses = new StackAddresses(broker.clientSettings(Principal.OPERATOR.userName), registry.writerUrl(),
                registry.readerUrl(), broker.clientFiles().map(ClientFiles::dir), Optional.of(operators));
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown(files, pid, registry, broker), "dev-stack-shutdown"));
        files.writeAddresses(addresses);
        LOG.info("dev stack running (pid {})\n{}", pid, addresses.describe());
        new CountDownLatch(1).await();
    }

    private static Runnable shutdown(StackFiles files, long pid, EmbeddedSchemaRegistry registry, KafkaBroker broker) {
        return () -> {
            LOG.info("stopping the dev stack");
            close(registry, broker);
            if (files.pid().orElse(-1) == pid) {
                files.forgetRunningStack();
            }
            LOG.info("dev stack stopped");
        };
    }

    private static void close(EmbeddedSchemaRegistry registry, KafkaBroker broker) {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
