package io.callsight.cli;

import io.callsight.ingest.live.IngestServer;
import io.callsight.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callsight ingest serve}: the live ingest service (AudioHook server), as {@code callsight up} runs it. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "The live ingest service: AudioHook v2 calls in over WebSocket, published to Kafka as they come, "
                + "transcripts sent back. `callsight up` starts it in the background.",
        subcommands = IngestCommand.Serve.class)
final class IngestCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "say what to do: serve");
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve " + IngestServer.PATH + " until stopped (SIGTERM ends open calls with a reason).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8088", description = "Port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = StackConfig.HOST,
                description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
        String host;

        @Option(names = "--kafka.bootstrap", defaultValue = "127.0.0.1:9092",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String kafkaBootstrap;

        @Option(names = "--tenants", paramLabel = "FILE",
                description = "Tenant registry (default: <data dir>/tenants.yaml or CALLSIGHT_TENANTS).")
        Path tenants;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data dir (master key, registry; default: ~/.callsight).")
        Path dataDir;

        @Option(names = "--ready-file", paramLabel = "FILE", description = "File to create once the server listens.")
        Path readyFile;

        @Override
        public Integer call() throws Exception {
            Path data = dataDir != null ? dataDir : StackConfig.builder().build().dataDir();
            IngestServer server = IngestServer.start(IngestServer.Config.defaults(port).withHost(host), tenants, data,
                    kafkaBootstrap);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("ingest: closing: " + e.getMessage());
                } finally {
                    stopped.countDown();
                }
            }, "ingest-shutdown"));
            if (readyFile != null) {
                Files.createDirectories(readyFile.toAbsolutePath().getParent());
                Files.writeString(readyFile, Integer.toString(server.port()));
            }
            System.out.println("ingest service listening on ws://" + host + ":" + server.port() + IngestServer.PATH);
            stopped.await();
            return 0;
        }
    }
}
