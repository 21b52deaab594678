package io.switchboard.core.internal.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(ids);
        UUID first = UUID.fromString(ids.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        long millis = first.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000);
    }

    @Test
    void idsMadeOnManyThreadsAreUnique() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (int i = 0; i < 10_000; i++) {
                ids.add(TimeOrderedIds.next());
            }
        });
        assertThat(ids).hasSize(80_000);
    }

    @Test
    void theLowestIdOfAMillisecondSortsBetweenTheIdsMadeBeforeAndAfterIt() throws InterruptedException {
        String before = TimeOrderedIds.next();
        // Ids made faster than 4096 per millisecond run ahead of the clock (other tests make 80 000 at once): wait it out.
        Thread.sleep(50);
        java.time.Instant now = java.time.Instant.now();
        String lowest = TimeOrderedIds.lowestAt(now);
        Thread.sleep(5);
        String after = TimeOrderedIds.next();
        assertThat(before).isLessThan(lowest);
        assertThat(after).isGreaterThan(lowest);
        assertThat(UUID.fromString(lowest).version()).isEqualTo(7);
        assertThat(UUID.fromString(lowest).getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }
}
