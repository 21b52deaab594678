package io.switchboard.camel.internal.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the webhook servlet (PID {@value WebhookServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard webhooks", description = "HTTP ingress of event sources under /events/*")
public @interface WebhookConfiguration {

    @AttributeDefinition(description = "Largest request body in bytes; larger bodies are answered 413")
    long maxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Request header that carries the body's signature, sha256=<hex HMAC-SHA256>")
    String signatureHeader() default "X-Switchboard-Signature";

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Shared secrets of sources that sign their calls: entries account@/events/<path prefix>=<secret>")
    String[] signingSecrets() default {};
}
