package io.synod.benchmarks.load;

import java.nio.charset.StandardCharsets;

/** Builds the one buffer (head and body) a connection writes with a single call. */
final class RequestBytes {

    private RequestBytes() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] head, byte[] body) {
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }
}
