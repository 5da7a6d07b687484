package io.synod.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * etcd 3.4's v3 JSON gateway: {@code POST /v3/kv/put} with {@code {"key": base64, "value": base64}}. A put
 * sent to a follower is forwarded to the leader by etcd itself; it answers once the entry is committed (and
 * fsynced by a majority).
 */
final class EtcdV3GatewayProtocol implements KvPutProtocol {

    @Override
    public String system() {
        return "etcd";
    }

    @Override
    public byte[] putRequest(Member member, String key, byte[] value) {
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] body = ("{\"key\":\"" + base64.encodeToString(key.getBytes(StandardCharsets.UTF_8))
                + "\",\"value\":\"" + base64.encodeToString(value) + "\"}").getBytes(StandardCharsets.US_ASCII);
        String head = "POST /v3/kv/put HTTP/1.1\r\n"
                + "Host: " + member + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        return RequestBytes.concat(RequestBytes.ascii(head), body);
    }
}
