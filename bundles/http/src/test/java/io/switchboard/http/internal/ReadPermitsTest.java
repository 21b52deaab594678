package io.switchboard.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.BodyRefusedException.Refusal;
import org.junit.jupiter.api.Test;

class ReadPermitsTest {

    private final ReadPermits permits = new ReadPermits();
    private final BodyLimits limits = new BodyLimits(1_000, 0, 3, 2);

    @Test
    void anAccountOverItsShareIsRefusedAsBusyWhileOthersStillRead() {
        permits.acquire("alice", limits);
        permits.acquire("alice", limits);

        assertThatThrownBy(() -> permits.acquire("alice", limits)).isInstanceOfSatisfying(BodyRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.ACCOUNT_BUSY));
        permits.acquire("bob", limits);
        assertThat(permits.inProgress()).isEqualTo(3);
    }

    @Test
    void theServerOverItsTotalIsRefusedAndTheRefusedAccountKeepsNoPlace() {
        permits.acquire("alice", limits);
        permits.acquire("bob", limits);
        ReadPermits.Permit carol = permits.acquire("carol", limits);

        assertThatThrownBy(() -> permits.acquire("dave", limits)).isInstanceOfSatisfying(BodyRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SERVER_BUSY));
        carol.close();
        permits.acquire("dave", limits);
        assertThat(permits.inProgress()).isEqualTo(3);
    }

    @Test
    void closingAPermitTwiceGivesItsPlaceBackOnce() {
        ReadPermits.Permit first = permits.acquire("alice", limits);
        permits.acquire("alice", limits);

        first.close();
        first.close();

        assertThat(permits.inProgress()).isEqualTo(1);
        permits.acquire("alice", limits);
        assertThatThrownBy(() -> permits.acquire("alice", limits)).isInstanceOf(BodyRefusedException.class);
    }
}
