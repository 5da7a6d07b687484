/**
 * What the console shows of the whole cluster, sampled on every instance: each member publishes a
 * {@link io.synod.admin.monitor.MemberReport} of its own numbers through a Hazelcast replicated map (monitoring
 * only, never the consensus path), the {@link io.synod.admin.monitor.ClusterMonitor} folds discovery, the local
 * Raft status and those reports into a {@link io.synod.admin.monitor.ClusterPicture}, and keeps 15 minutes of
 * chart samples in memory. A number nobody measured is shown as unknown, never guessed.
 */
package io.synod.admin.monitor;
