package io.synod.benchmarks.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The driver's HTTP/1.1 client against a real loopback server that answers with canned responses. */
class HttpKeepAliveConnectionTest {

    private ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private volatile int connectionsAccepted;

    /** Serves {@code responses} in order, one per request, over as many connections as the client opens. */
    private Member serve(String... responses) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        List<String> queue = new ArrayList<>(List.of(responses));
        Thread thread = new Thread(() -> {
            try {
                while (!queue.isEmpty()) {
                    try (Socket socket = server.accept()) {
                        connectionsAccepted++;
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        OutputStream out = socket.getOutputStream();
                        while (!queue.isEmpty()) {
                            String line = in.readLine();
                            if (line == null) {
                                break;
                            }
                            requestLines.add(line);
                            int length = 0;
                            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                                if (h.toLowerCase().startsWith("content-length:")) {
                                    length = Integer.parseInt(h.substring(15).trim());
                                }
                            }
                            in.skip(length);
                            String response = queue.remove(0);
                            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            if (response.contains("Connection: close")) {
                                break;
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // the test closed the server
            }
        });
        thread.setDaemon(true);
        thread.start();
        return new Member("127.0.0.1", server.getLocalPort());
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] put(String path, String body) {
        return RequestBytes.concat(RequestBytes.ascii("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length() + "\r\n\r\n"), body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsContentLengthAndChunkedBodiesOnOneKeptAliveConnection() throws IOException {
        Member member = serve(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"rev\":17}\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 7\r\n\r\nno lead");
        try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, 5_000)) {
            HttpReply first = connection.exchange(put("/kv/a", "v1"));
            HttpReply second = connection.exchange(put("/kv/b", "v2"));
            HttpReply third = connection.exchange(put("/kv/c", "v3"));

            assertEquals(200, first.status());
            assertArrayEquals("{\"rev\":17}\n".getBytes(StandardCharsets.US_ASCII), first.body());
            assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.US_ASCII), second.body());
            assertEquals(503, third.status());
            assertEquals("HTTP 503: no lead", third.describe());
        }
        assertEquals(List.of("PUT /kv/a HTTP/1.1", "PUT /kv/b HTTP/1.1", "PUT /kv/c HTTP/1.1"), requestLines);
        assertEquals(1, connectionsAccepted);
    }

    @Test
    void reconnectsAfterTheServerAnnouncedClose() throws IOException {
        Member member = serve(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 204 No Content\r\n\r\n");
        try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, 5_000)) {
            assertEquals(200, connection.exchange(put("/kv/a", "v")).status());
            HttpReply second = connection.exchange(put("/kv/b", "v"));
            assertEquals(204, second.status());
            assertEquals(0, second.body().length);
        }
        assertEquals(2, connectionsAccepted);
    }

    @Test
    void aResponseCutShortIsAnErrorNotAShortBody() throws IOException {
        Member member = serve("HTTP/1.1 200 OK\r\nContent-Length: 50\r\nConnection: close\r\n\r\nonly this");
        try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, 5_000)) {
            assertThrows(EOFException.class, () -> connection.exchange(put("/kv/a", "v")));
        }
    }

    @Test
    void somethingThatIsNotHttpIsRefused() throws IOException {
        Member member = serve("SSH-2.0-OpenSSH\r\n\r\n");
        try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, 5_000)) {
            IOException refused = assertThrows(IOException.class, () -> connection.exchange(put("/kv/a", "v")));
            assertEquals(true, refused.getMessage().contains("not an HTTP/1.x status line"));
        }
    }
}
