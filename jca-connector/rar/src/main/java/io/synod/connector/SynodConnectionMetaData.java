package io.synod.connector;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Describes Synod to the container's connection management. */
final class SynodConnectionMetaData implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return "Synod";
    }

    @Override
    public String getEISProductVersion() {
        return "0.1";
    }

    @Override
    public int getMaxConnections() {
        return 0; // no limit of its own: the node is in-process
    }

    @Override
    public String getUserName() {
        return "";
    }
}
