package io.switchboard.gateway.liveperson.internal;

import io.switchboard.http.api.HeldAnswers;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of LivePerson's gateway (PID {@value GatewayServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard LivePerson gateway", description = "LivePerson's invocation endpoints under /api/account")
public @interface GatewayConfiguration {

    @AttributeDefinition(description = "Largest request body in bytes; larger is answered 413")
    long maxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = HeldAnswers.DELAY_DESCRIPTION, min = "0")
    long refusalDelayMillis() default HeldAnswers.DEFAULT_DELAY_MILLIS;

    @AttributeDefinition(description = HeldAnswers.MAX_HELD_DESCRIPTION, min = "0")
    int maxHeldRefusals() default HeldAnswers.DEFAULT_MAX_HELD;
}
