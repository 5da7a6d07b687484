package io.synod.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection, owned by one load thread: write a request, read its response,
 * reuse the socket. Both systems under test are driven through this same class with the same settings, so
 * only the server differs. It is deliberately minimal (no pipelining, no redirects, no TLS): a general client
 * such as java.net.http spends a selector thread and several hand-offs per request, CPU that on a 2-core
 * machine is taken from the servers being measured, and more from the faster one.
 */
final class HttpKeepAliveConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Member member;
    private final int readTimeoutMs;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpKeepAliveConnection(Member member, int readTimeoutMs) {
        this.member = member;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** Sends one complete request (head and body, as the protocol encoded it) and reads the whole response. */
    HttpReply exchange(byte[] request) throws IOException {
        if (socket == null) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            // The socket is in an unknown state: the next exchange starts on a fresh one.
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.setSoTimeout(readTimeoutMs);
        s.connect(new InetSocketAddress(member.host(), member.port()), CONNECT_TIMEOUT_MS);
        socket = s;
        out = s.getOutputStream();
        in = new BufferedInputStream(s.getInputStream(), 8192);
    }

    private HttpReply readResponse() throws IOException {
        String statusLine = readLine();
        // "HTTP/1.1 200 OK"
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line from " + member + ": " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = parts[0].equals("HTTP/1.0");
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("connection to " + member + " closed inside a response body");
            }
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else {
            // No length: the body ends with the connection.
            body = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new HttpReply(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                // Trailers, if any, end with an empty line.
                while (!readLine().isEmpty()) {
                    // skip trailer
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection to " + member + " closed inside a chunk");
            }
            body.write(chunk);
            readLine(); // the CRLF after the chunk
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection to " + member + " closed before the response ended");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
            socket = null;
            out = null;
            in = null;
        }
    }
}
