package io.synod.benchmarks.load;

/** One server of the cluster under load: where its HTTP API listens. */
record Member(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
