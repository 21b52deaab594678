package io.switchboard.api.http.internal.stream;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the live log streams (PID {@value LogStreams#PID}). */
@ObjectClassDefinition(name = "Switchboard live log streams",
        description = "GET /api/v1/accounts/{account}/functions/{id}/logs/stream: server-sent events of new invocations.")
public @interface LogStreamConfiguration {

    @AttributeDefinition(description = "Streams one account may hold open at once; one more is answered 429", min = "1")
    int maxStreamsPerAccount() default 5;

    @AttributeDefinition(description = "Streams open at once over all accounts (each holds one writer thread); one more is answered 429", min = "1")
    int maxStreams() default 200;

    @AttributeDefinition(description = "Invocations a stream may have waiting to be sent; a client that falls further behind is dropped", min = "1")
    int bufferedEvents() default 256;

    @AttributeDefinition(description = "Seconds between heartbeats (SSE comment lines) on a quiet stream, so proxies keep it open", min = "1")
    int heartbeatSeconds() default 15;

    @AttributeDefinition(description = "Most past invocations sent first to a client that names where it left off (Last-Event-ID or ?since=)", min = "0", max = "1000")
    int maxReplayed() default 100;
}
