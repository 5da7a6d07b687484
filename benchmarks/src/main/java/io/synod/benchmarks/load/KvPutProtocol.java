package io.synod.benchmarks.load;

/**
 * How one system under test spells "put this value under this key" as an HTTP/1.1 request. The encoding is
 * done before the clock starts for a put; the same {@link HttpKeepAliveConnection} carries every system's
 * requests.
 */
interface KvPutProtocol {

    /** The system's name in the printed results ("synod", "etcd"). */
    String system();

    /** The complete request bytes (request line, headers, body) for one put to {@code member}. */
    byte[] putRequest(Member member, String key, byte[] value);
}
