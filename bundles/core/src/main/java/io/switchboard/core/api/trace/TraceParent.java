package io.switchboard.core.api.trace;

import io.switchboard.core.api.dispatch.Header;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/): the trace an operation belongs to,
 * the span that called it and the trace flags. A header that does not parse is ignored (and a new trace started), as
 * the recommendation asks; none of these methods throws on what a caller sent.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero: the span that sent it (the parent of what it reaches)
 * @param flags 2 hex digits ({@code 01}: sampled)
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The header's name (HTTP header names are case-insensitive). */
    public static final String HEADER = "traceparent";

    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final HexFormat HEX = HexFormat.of();

    // Checked by hand, not with String.matches: a run makes at least one TraceParent per event, and matches compiles
    // its pattern on every call (a JFR profile of the webhook showed the three compilations among its hottest frames).
    public TraceParent {
        if (!isLowerHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("A trace id is 32 lower-case hex digits, not all zero: " + traceId);
        }
        if (!isLowerHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("A span id is 16 lower-case hex digits, not all zero: " + spanId);
        }
        if (!isLowerHex(flags, 2)) {
            throw new IllegalArgumentException("Trace flags are 2 lower-case hex digits: " + flags);
        }
    }

    private static boolean isLowerHex(String text, int length) {
        if (text == null || text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header's value parsed, or empty when it is missing or malformed (upper-case hex, version ff, zero ids...).
     * Read by position, not with a regular expression: the platform parses the {@code traceparent} it made itself for
     * every event, and the matcher was 5 % of the webhook's request-thread samples (issue 18, round 4).
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        // version "-" trace id "-" span id "-" flags, then (for a later version only) "-" and whatever it appends
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
            return Optional.empty();
        }
        String version = h.substring(0, 2);
        String traceId = h.substring(3, 35);
        String spanId = h.substring(36, 52);
        String flags = h.substring(53, 55);
        boolean more = h.length() > 55;
        if (!isLowerHex(version, 2) || version.equals("ff") || (more && (version.equals("00") || h.charAt(55) != '-'))
                || !isLowerHex(traceId, 32) || !isLowerHex(spanId, 16) || !isLowerHex(flags, 2)
                || traceId.equals(ZERO_TRACE) || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, spanId, flags));
    }

    /** The first {@code traceparent} among the headers (any case), parsed; empty when there is none or it is malformed. */
    public static Optional<TraceParent> of(List<Header> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Header h : headers) {
            if (HEADER.equalsIgnoreCase(h.key())) {
                return parse(h.value());
            }
        }
        return Optional.empty();
    }

    /** A new trace (random trace and span ids, sampled). */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(16, ZERO_TRACE), randomHex(8, ZERO_SPAN), "01");
    }

    /** A span of the same trace with a new id, whose parent is this one: what a run sends on to what it calls. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8, ZERO_SPAN), flags);
    }

    /** The trace of the headers' {@code traceparent} continued by a new span, or a new trace when they have none valid. */
    public static TraceParent continued(List<Header> headers) {
        return of(headers).map(TraceParent::child).orElseGet(TraceParent::newTrace);
    }

    /** As a header value: {@code 00-<trace id>-<span id>-<flags>}. */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Random ids from {@link ThreadLocalRandom}, as OpenTelemetry's {@code RandomIdGenerator} makes them: ids only need
     * to be unique, not secret, and a {@code SecureRandom} serialised every event's request thread on one lock (its
     * {@code NativePRNG} buffer showed in the webhook's CPU profile).
     */
    private static String randomHex(int bytes, String zero) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String hex;
        do {
            hex = bytes == 8 ? HEX.toHexDigits(random.nextLong())
                    : HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
        } while (hex.equals(zero));
        return hex;
    }
}
