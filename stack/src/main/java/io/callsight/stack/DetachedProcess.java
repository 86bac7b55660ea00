package io.callsight.stack;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a server process that outlives the launcher. The JVM never kills children on exit, but a
 * child in the launcher's session would still get SIGHUP when the user's terminal closes, and a
 * stdin/stdout pipe to a dead parent can block or break it. So: new session via {@code setsid}
 * (when available), stdin from /dev/null, stdout+stderr appended to a log file.
 */
public final class DetachedProcess {

    private static final Path SETSID = findSetsid();

    private DetachedProcess() {}

    public static Process start(List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        List<String> fullCommand = new ArrayList<>();
        // A ProcessBuilder child is never a process-group leader, so setsid execs in place:
        // Process.pid() stays the pid of the server itself.
        if (SETSID != null) {
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new StackException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
