package io.switchboard.core.api.trace;

import io.switchboard.core.api.dispatch.Header;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    // version 00 has exactly these four fields; a later version may append fields after a dash (the spec's rule).
    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public TraceParent {
        if (traceId == null || !traceId.matches("[0-9a-f]{32}") || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("A trace id is 32 lower-case hex digits, not all zero: " + traceId);
        }
        if (spanId == null || !spanId.matches("[0-9a-f]{16}") || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("A span id is 16 lower-case hex digits, not all zero: " + spanId);
        }
        if (flags == null || !flags.matches("[0-9a-f]{2}")) {
            throw new IllegalArgumentException("Trace flags are 2 lower-case hex digits: " + flags);
        }
    }

    /** The header's value parsed, or empty when it is missing or malformed (upper-case hex, version ff, zero ids...). */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(header.strip());
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)
                || m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(m.group(2), m.group(3), m.group(4)));
    }

    /** The first {@code traceparent} among the headers (any case), parsed; empty when there is none or it is malformed. */
    public static Optional<TraceParent> of(List<Header> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.stream().filter(h -> h.key() != null && h.key().toLowerCase(Locale.ROOT).equals(HEADER)).findFirst()
                .flatMap(h -> parse(h.value()));
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

    private static String randomHex(int bytes, String zero) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(random);
            hex = HEX.formatHex(random);
        } while (hex.equals(zero));
        return hex;
    }
}
