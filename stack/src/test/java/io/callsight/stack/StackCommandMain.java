package io.callsight.stack;

import java.nio.file.Path;

/**
 * A stand-in for the {@code callsight} launcher, used by {@link EmbeddedStackIntegrationTest} to
 * start the stack from a JVM that then exits (proving the servers outlive it), and handy by hand.
 * Arguments: {@code up|down|status dataDir kafkaPort controllerPort esHttpPort esTransportPort}.
 */
public final class StackCommandMain {

    public static void main(String[] args) {
        StackConfig config = StackConfig.builder()
                .dataDir(Path.of(args[1]))
                .kafkaPort(Integer.parseInt(args[2]))
                .kafkaControllerPort(Integer.parseInt(args[3]))
                .esHttpPort(Integer.parseInt(args[4]))
                .esTransportPort(Integer.parseInt(args[5]))
                .build();
        EmbeddedStack stack = new EmbeddedStack(config);
        try {
            switch (args[0]) {
                case "up" -> System.out.println("UP " + stack.up());
                case "down" -> System.out.println("STOPPED " + stack.down());
                default -> stack.status().forEach(System.out::println);
            }
            System.exit(0);
        } catch (StackException e) {
            System.out.println("FAILED " + e.getMessage() + "\n" + e.details());
            System.exit(1);
        }
    }
}
