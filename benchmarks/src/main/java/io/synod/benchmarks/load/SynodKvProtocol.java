package io.synod.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Synod's operators' KV API: {@code PUT /synod/api/v1/kv/{key}} with the value bytes as the body, HTTP Basic
 * as user {@code admin}. Any member accepts it (a follower forwards it to the leader); it answers once the entry
 * is committed, i.e. fsynced by a majority.
 */
final class SynodKvProtocol implements KvPutProtocol {

    static final String PATH = "/synod/api/v1/kv/";

    private final String system;
    private final String authorization;

    /** {@code system} names the results: "synod" (Raft) or "synod-multipaxos". */
    SynodKvProtocol(String system, String adminPassword) {
        this.system = system;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public byte[] putRequest(Member member, String key, byte[] value) {
        // Keys are generated from [a-z0-9-] only, so they need no percent-encoding in the path.
        String head = "PUT " + PATH + key + " HTTP/1.1\r\n"
                + "Host: " + member + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: " + value.length + "\r\n"
                + "\r\n";
        return RequestBytes.concat(RequestBytes.ascii(head), value);
    }
}
