package io.callsight.cli;

import io.callsight.dialog.chat.ExampleIntentMatcher;
import io.callsight.dialog.chat.FlowChat;
import io.callsight.dialog.flow.FlowCheck;
import io.callsight.dialog.flow.FlowFiles;
import io.callsight.dialog.flow.FlowLoad;
import io.callsight.dialog.flow.IntentCatalog;
import io.callsight.nlp.intents.definition.TenantIntents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flows", mixinStandardHelpOptions = true,
        description = "Bot flows (YAML per tenant): check them, or talk to one in the terminal.",
        subcommands = {FlowsCommand.Validate.class, FlowsCommand.Chat.class})
final class FlowsCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check flow files and report every problem as file:line: message",
                    "(bad YAML or settings, unknown intents, transitions to unknown states, unreachable states, missing prompts,",
                    "unknown slot types, states that loop without listening, a missing start state).",
                    "Exit code 0 if all flows are valid, 1 if any has problems, 2 if a file cannot be read."})
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Flow files, or directories of them (*.yml, *.yaml).")
        List<Path> flows;

        @Option(names = "--intents", paramLabel = "FILE|DIR",
                description = "Tenant intent files (or directories of them) to check intent names against; repeatable. "
                        + "Without it intent names are not checked.")
        List<Path> intents = List.of();

        @Override
        public Integer call() {
            return FlowCheck.run(flows, intents, System.out, System.err);
        }
    }

    @Command(name = "chat", mixinStandardHelpOptions = true,
            description = {"Talk to a flow in the terminal: each line is what the caller says.",
                    "An empty line is silence, #1234 presses keys, /voicemail plays the answering-machine branch, /hangup ends.",
                    "Intents come from word overlap with the tenant's intent examples (not the trained model)."})
    static final class Chat implements Callable<Integer> {
        @Option(names = "--flow", required = true, paramLabel = "FILE", description = "The flow file.")
        Path flow;

        @Option(names = "--intents", paramLabel = "FILE|DIR", description = "The tenant's intent file(s); repeatable.")
        List<Path> intents = List.of();

        @Override
        public Integer call() throws Exception {
            IntentCatalog catalog = intents.isEmpty() ? IntentCatalog.unchecked() : IntentCatalog.load(intents).catalog();
            FlowLoad load = FlowFiles.load(flow, catalog);
            if (!load.valid()) {
                load.errors().forEach(System.out::println);
                return 1;
            }
            TenantIntents tenant = catalog.intents(load.flow().tenant(), load.flow().language()).orElse(null);
            if (tenant == null) System.out.println("(no intent file for " + load.flow().tenant() + ": only slots, keys and silence work)");
            FlowChat chat = new FlowChat(load.flow(), tenant == null ? null : new ExampleIntentMatcher(tenant), Clock.systemDefaultZone());
            chat.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
            return 0;
        }
    }
}
