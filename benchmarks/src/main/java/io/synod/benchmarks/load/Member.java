package io.synod.benchmarks.load;

/** One server of the cluster under load: where its HTTP API listens. */
record Member(String host, int port) {

    /** {@code host:port}. */
    static Member parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        return new Member(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
