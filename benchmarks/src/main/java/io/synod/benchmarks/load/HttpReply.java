package io.synod.benchmarks.load;

import java.nio.charset.StandardCharsets;

/** One HTTP response as the load driver needs it: the status and the body (for error messages). */
record HttpReply(int status, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The status and the start of the body, for the one error line a run prints. */
    String describe() {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
}
