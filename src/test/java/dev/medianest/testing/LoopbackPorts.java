package dev.medianest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for test servers and daemons, all on loopback. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port nothing listens on right now (the system picks it, so parallel runs do not collide). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
