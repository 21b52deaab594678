package io.switchboard.gateway.liveperson.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of LivePerson's gateway (PID {@value GatewayServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard LivePerson gateway", description = "LivePerson's invocation endpoints under /api/account")
public @interface GatewayConfiguration {

    @AttributeDefinition(description = "Largest request body in bytes; larger is answered 413")
    long maxBodyBytes() default 1_048_576;
}
