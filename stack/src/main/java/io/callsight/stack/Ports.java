package io.callsight.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Checks that a port is free before a server is started on it, so we fail fast with a useful hint. */
public final class Ports {

    private Ports() {}

    /**
     * True if nothing can bind {@code host:port}. Binding (rather than connecting) also catches
     * servers listening on 0.0.0.0, and does not disturb whatever is listening.
     */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same flag servers use, so a port in TIME_WAIT from a previous run counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts TCP connections on {@code host:port} right now. */
    public static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a one-line, actionable error if {@code port} on {@link StackConfig#HOST} is taken. */
    public static void requireFree(int port, String purpose) {
        if (!isFree(StackConfig.HOST, port)) {
            throw new StackException(purpose + " port " + port + " on " + StackConfig.HOST
                    + " is already in use: stop what uses it (maybe an earlier stack: `callsight down`)"
                    + " or choose other ports / another --data-dir");
        }
    }
}
