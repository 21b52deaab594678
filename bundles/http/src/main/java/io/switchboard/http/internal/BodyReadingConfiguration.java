package io.switchboard.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How request bodies are read (PID {@value BoundedBodyReader#PID}); changes apply to the next body read. */
@ObjectClassDefinition(name = "Switchboard HTTP body reading",
        description = "Deadline, minimum data rate and concurrency of request body reads of /api/v1 and /events/*")
public @interface BodyReadingConfiguration {

    @AttributeDefinition(description = "Longest time a request body may take to arrive, in milliseconds; then 408", min = "1")
    long bodyReadTimeoutMillis() default 10_000;

    @AttributeDefinition(description = "Slowest a body may arrive, in bytes per second, measured after its first second; "
            + "slower bodies are answered 408. 0: no minimum", min = "0")
    long minBodyBytesPerSecond() default 4_096;

    @AttributeDefinition(description = "Most request bodies read at once on the whole server; more are answered 503", min = "1")
    int maxConcurrentBodyReads() default 64;

    @AttributeDefinition(description = "Most request bodies read at once for one account; more are answered 429", min = "1")
    int maxConcurrentBodyReadsPerAccount() default 16;
}
