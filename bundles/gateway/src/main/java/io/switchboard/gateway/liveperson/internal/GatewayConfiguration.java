package io.switchboard.gateway.liveperson.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of LivePerson's gateway (PID {@value GatewayServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard LivePerson gateway", description = "LivePerson's invocation endpoints under /api/account")
public @interface GatewayConfiguration {

    @AttributeDefinition(description = "Largest request body in bytes; larger is answered 413")
    long maxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Milliseconds an answer carrying Retry-After (every function quarantined, full "
            + "capacity) is held before it is sent, without holding a thread, so that a client ignoring Retry-After is slowed "
            + "to one refusal per this time and connection; 0 answers at once", min = "0")
    long refusalDelayMillis() default 100;

    @AttributeDefinition(description = "Refusal answers held at most at once; beyond, refusals are answered at once", min = "0")
    int maxHeldRefusals() default 10_000;
}
