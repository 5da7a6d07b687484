package io.synod.core.sim;

import io.synod.core.paxos.PaxosInjectedBug;
import io.synod.core.raft.InjectedBug;
import io.synod.core.raft.RaftNode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The system properties the simulation tests read (passed through by surefire, see the core pom). */
final class SimSettings {

    static final EngineFactory RAFT = RaftNode::new;

    private SimSettings() {
    }

    /** {@code -Dsynod.sim.seed=N}: run exactly this seed. */
    static Optional<Long> singleSeed() {
        return property("synod.sim.seed").map(Long::parseLong);
    }

    /** {@code -Dsynod.sim.seeds=N}: how many seeds a full run covers (default 2000). */
    static int seeds() {
        return property("synod.sim.seeds").map(Integer::parseInt).orElse(2000);
    }

    /** {@code -Dsynod.sim.base=N}: the first seed of a full run (default 1). */
    static long base() {
        return property("synod.sim.base").map(Long::parseLong).orElse(1L);
    }

    /** {@code -Dsynod.sim.bug=NAME}: replay a seed with an injected Raft bug (as InjectedBugTest reports it). */
    static Set<InjectedBug> bugs() {
        return property("synod.sim.bug").filter(SimSettings::isRaftBug)
                .map(b -> Set.of(InjectedBug.valueOf(b))).orElse(Set.of());
    }

    /** {@code -Dsynod.sim.bug=NAME} naming a {@link PaxosInjectedBug}: replay a Multi-Paxos seed with it. */
    static Set<PaxosInjectedBug> paxosBugs() {
        return property("synod.sim.bug").filter(b -> Arrays.stream(PaxosInjectedBug.values()).anyMatch(x -> x.name().equals(b)))
                .map(b -> Set.of(PaxosInjectedBug.valueOf(b))).orElse(Set.of());
    }

    /** {@code -Dsynod.sim.bug=NAME} naming a {@link ServiceBug}: replay a seed with that coordination-service bug. */
    static Set<ServiceBug> serviceBugs() {
        return property("synod.sim.bug").filter(b -> Arrays.stream(ServiceBug.values()).anyMatch(x -> x.name().equals(b)))
                .map(b -> Set.of(ServiceBug.valueOf(b))).orElse(Set.of());
    }

    private static boolean isRaftBug(String name) {
        return Arrays.stream(InjectedBug.values()).anyMatch(b -> b.name().equals(name));
    }

    /** {@code -Dsynod.sim.engine=raft|multipaxos}: run only that engine (default: every engine). */
    static List<Engine> engines() {
        return property("synod.sim.engine")
                .map(e -> List.of(Engine.valueOf(e.toUpperCase(java.util.Locale.ROOT))))
                .orElse(List.of(Engine.values()));
    }

    private static Optional<String> property(String name) {
        String v = System.getProperty(name);
        // An unset Maven property reaches us empty (or as the literal placeholder) through surefire.
        return v == null || v.isBlank() || v.startsWith("${") ? Optional.empty() : Optional.of(v.trim());
    }
}
