package io.callsight.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pid file that tolerates being stale. After a crash or reboot the file outlives its process and
 * the pid may even be reused by an unrelated program, so a pid only counts if that process is alive
 * and is a JVM (both Kafka and Elasticsearch are).
 */
public final class PidFile {

    private static final Logger log = LoggerFactory.getLogger(PidFile.class);

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void write(long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StackException("cannot write pid file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The live process this file points to; a stale file is deleted and reported as empty. */
    public Optional<ProcessHandle> liveProcess() {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get())
                .filter(ProcessHandle::isAlive)
                .filter(PidFile::looksLikeJvm);
        if (process.isEmpty()) {
            log.info("Removing stale pid file {} (process {} is gone)", file, pid.get());
            delete();
        }
        return process;
    }

    /** Running (with its pid) if the file names a live process, else stopped. */
    public ComponentStatus status(String name, String url) {
        return liveProcess()
                .map(p -> ComponentStatus.running(name, p.pid(), url))
                .orElseGet(() -> ComponentStatus.stopped(name, url));
    }

    /**
     * Stops the process this file names (SIGTERM, then kill after {@code graceful}) and removes the file.
     *
     * @return true if a running process was stopped
     */
    public boolean stopProcess(Duration graceful, String displayName) {
        Optional<ProcessHandle> process = liveProcess();
        if (process.isEmpty()) {
            return false;
        }
        if (!ProcessStopper.stop(process.get(), graceful, displayName)) {
            throw new StackException("cannot stop " + displayName + " (pid " + process.get().pid() + ")");
        }
        delete();
        return true;
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete pid file {}: {}", file, e.toString());
        }
    }

    private Optional<Long> readPid() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            log.info("Removing unreadable pid file {}: {}", file, e.toString());
            delete();
            return Optional.empty();
        }
    }

    /** Unknown command (e.g. another user's process without /proc access) is given the benefit of the doubt. */
    /** Right after launch the pid may still be {@code setsid} about to exec the JVM (see DetachedProcess). */
    private static boolean looksLikeJvm(ProcessHandle process) {
        return process.info().command().map(cmd -> cmd.endsWith("java") || cmd.endsWith("setsid")).orElse(true);
    }
}
