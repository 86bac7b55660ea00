package io.callsight.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded stack on 127.0.0.1: Kafka (KRaft), Elasticsearch and the Flink speech job.",
                "Set KAFKA_BOOTSTRAP / ES_URL to use existing clusters instead of embedded ones."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        new LocalStack(stack.config()).up(System.out);
        return 0;
    }
}
