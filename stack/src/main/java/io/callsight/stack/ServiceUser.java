package io.callsight.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch refuses to run as root. When the launcher is root, ES runs as the unprivileged
 * system user {@value #NAME}, created on demand, and owns its own files.
 */
public final class ServiceUser {

    public static final String NAME = "callsight";
    private static final Logger log = LoggerFactory.getLogger(ServiceUser.class);

    private ServiceUser() {}

    public static boolean currentUserIsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    public static void ensureExists() {
        if (run(List.of("id", "-u", NAME)) == 0) {
            return;
        }
        log.info("Creating system user '{}' to run Elasticsearch (it refuses to run as root)", NAME);
        int exit = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME));
        if (exit != 0) {
            throw new StackException("Elasticsearch cannot run as root and `useradd " + NAME
                    + "` failed (exit code " + exit + "): create an unprivileged user '" + NAME
                    + "' or run callsight as a normal user");
        }
    }

    /** The command prefix that runs a program as the service user. */
    public static List<String> runAsPrefix() {
        return List.of("runuser", "-u", NAME, "--");
    }

    public static void chownRecursively(Path dir) {
        try {
            UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(NAME);
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.forEach(p -> setOwner(p, owner));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StackException("cannot give " + dir + " to user " + NAME + ": " + e.getMessage(), e);
        }
    }

    /**
     * The service user must be able to reach {@code dir}: every ancestor needs the "others may
     * traverse" bit. Typical case: the default data dir /root/.callsight under /root (mode 0700).
     * Only the x bit is added, which lets the user pass through, not list or read, the directory.
     *
     * @return the directories whose mode was changed (empty if none needed it)
     */
    public static List<Path> makeTraversable(Path dir) {
        List<Path> changed = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(p, perms);
                    changed.add(p);
                }
            } catch (IOException e) {
                throw new StackException("user " + NAME + " cannot reach " + dir + " and " + p
                        + " cannot be made traversable (" + e.getMessage() + "): use a --data-dir outside it, e.g. /var/lib/callsight", e);
            }
        }
        if (!changed.isEmpty()) {
            log.warn("Added the 'others may traverse' bit (o+x) to {} so user '{}' can reach {}; "
                    + "use a --data-dir elsewhere (e.g. /var/lib/callsight) to avoid this", changed, NAME, dir);
        }
        return changed;
    }

    private static void setOwner(Path path, UserPrincipal owner) {
        try {
            if (!Files.getOwner(path).equals(owner)) {
                Files.setOwner(path, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
