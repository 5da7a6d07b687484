package io.synod.ejb.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP man in the middle for one connection: forwards both ways and records what the client sent, the way an
 * attacker on the network would capture a handshake to replay it later.
 */
final class RecordingRelay implements AutoCloseable {

    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final InetSocketAddress target;
    private final ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();
    private volatile Socket client;
    private volatile Socket server;

    RecordingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        Thread acceptor = new Thread(this::relayOne, "recording-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    byte[] clientToServerBytes() {
        synchronized (clientBytes) {
            return clientBytes.toByteArray();
        }
    }

    private void relayOne() {
        try {
            client = listener.accept();
            server = new Socket(target.getAddress(), target.getPort());
            Thread back = new Thread(() -> pump(server, client, null), "recording-relay-back");
            back.setDaemon(true);
            back.start();
            pump(client, server, clientBytes);
        } catch (IOException e) {
            // the test closed the relay
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n); // recorded before forwarding: captured once delivered
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : new Socket[]{client, server}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
