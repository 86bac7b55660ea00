package io.callsight.cli;

import io.callsight.stack.ComponentStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which parts of the stack run, their pids and addresses. Exit code 0 only if all run.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        List<ComponentStatus> status = new LocalStack(stack.config()).status();
        status.forEach(System.out::println);
        return status.stream().allMatch(s -> s.state() != ComponentStatus.State.STOPPED) ? 0 : 3;
    }
}
