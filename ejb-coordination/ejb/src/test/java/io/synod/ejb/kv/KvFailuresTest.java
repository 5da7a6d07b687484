package io.synod.ejb.kv;

import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.InvalidKeyException;
import io.synod.api.InvalidRequestException;
import io.synod.api.SynodException;
import io.synod.api.SynodUnavailableException;
import io.synod.api.ValueTooLargeException;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.statemachine.kv.InvalidRevisionException;
import io.synod.core.statemachine.kv.KvViolation;
import io.synod.ejb.runtime.NodeStoppedException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class KvFailuresTest {

    @Test
    void brokenRulesBecomeTheApisTypedBadInput() {
        assertThat(KvFailures.translate(new io.synod.core.statemachine.kv.InvalidKeyException("empty"), true))
                .isInstanceOf(InvalidKeyException.class).hasMessage("empty");
        assertThat(KvFailures.translate(new io.synod.core.statemachine.kv.ValueTooLargeException("2 MiB"), true))
                .isInstanceOf(ValueTooLargeException.class);
        assertThat(KvFailures.translate(new InvalidRevisionException("-1"), true))
                .isExactlyInstanceOf(InvalidRequestException.class);
        assertThat(KvFailures.invalid(KvViolation.INVALID_TTL, "ttl")).isExactlyInstanceOf(InvalidRequestException.class);
    }

    @Test
    void noLeaderAndAStoppedNodeAreUnavailableAndNameTheLeaderHint() {
        SynodException notLeader = KvFailures.translate(
                new CompletionException(new NotLeaderException(NodeId.of("n2"), Optional.of(NodeId.of("n1")))), true);
        assertThat(notLeader).isInstanceOf(SynodUnavailableException.class).hasMessageContaining("leader: n1");
        assertThat(KvFailures.translate(new NodeStoppedException("stopped"), false))
                .isInstanceOf(SynodUnavailableException.class);
    }

    @Test
    void anUnansweredWriteIsIndeterminateButAnUnansweredReadIsOnlyUnavailable() {
        assertThat(KvFailures.translate(new ExecutionException(new TimeoutException()), true))
                .isInstanceOf(IndeterminateOutcomeException.class);
        assertThat(KvFailures.translate(new TimeoutException(), false))
                .isInstanceOf(SynodUnavailableException.class);
        assertThat(KvFailures.translate(new io.synod.ejb.runtime.IndeterminateOutcomeException("lost"), true))
                .isInstanceOf(IndeterminateOutcomeException.class).hasMessage("lost");
    }

    @Test
    void anApiExceptionPassesUnchanged() {
        SynodUnavailableException original = new SynodUnavailableException("down");
        assertThat(KvFailures.translate(new CompletionException(original), true)).isSameAs(original);
    }
}
