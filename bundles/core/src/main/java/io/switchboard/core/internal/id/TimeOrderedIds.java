package io.switchboard.core.internal.id;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of events and invocations: version 7 UUIDs (RFC 9562), the Unix time in milliseconds first, then a counter
 * that keeps ids of one process strictly increasing, then 62 random bits. They are written to the database's
 * B-tree indexes in order, which keeps the pages a batch of records touches few; random (version 4) ids made every
 * insert rewrite a different page of each index.
 */
public final class TimeOrderedIds {

    private static final int COUNTER_BITS = 12;
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {
    }

    public static String next() {
        return nextUuid().toString();
    }

    /** The lowest id of that millisecond: every id made at or after it sorts at or above this one (as text too). */
    public static String lowestAt(Instant time) {
        return new UUID((Math.max(0, time.toEpochMilli()) << 16) | 0x7000L, 0x8000_0000_0000_0000L).toString();
    }

    public static UUID nextUuid() {
        long now = System.currentTimeMillis() << COUNTER_BITS;
        // Past 4096 ids in one millisecond the counter runs into the next millisecond: still increasing, and unique.
        long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long high = (millis << 16) | 0x7000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
