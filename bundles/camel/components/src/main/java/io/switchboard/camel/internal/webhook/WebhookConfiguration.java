package io.switchboard.camel.internal.webhook;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the webhook servlet (PID {@value WebhookServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard webhooks", description = "HTTP ingress of event sources under /events/*")
public @interface WebhookConfiguration {

    @AttributeDefinition(description = "Largest request body in bytes; larger bodies are answered 413", min = "1")
    long maxBodyBytes() default 1_048_576;

    @AttributeDefinition(description = "Request header that carries the signature, sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">")
    String signatureHeader() default "X-Switchboard-Signature";

    @AttributeDefinition(description = "Largest difference in seconds between a signed call's X-Switchboard-Timestamp and the "
            + "server's clock; calls signed longer ago (replays) or ahead are answered 401", min = "1")
    long signatureToleranceSeconds() default 300;

    @AttributeDefinition(description = "Transition setting: also accept signatures of the body alone, without "
            + "X-Switchboard-Timestamp. Such a signature can be replayed forever: switch this on only while the sources that "
            + "sign move to '<timestamp>.<body>', then off again")
    boolean acceptUntimedSignatures() default false;

    @AttributeDefinition(description = "Milliseconds an answer to an event the core refused for now (it carries Retry-After: "
            + "a quarantined function, full capacity) is held before it is sent, without holding a thread, so that a client "
            + "ignoring Retry-After is slowed to one refused event per this time and connection; 0 answers at once", min = "0")
    long refusalDelayMillis() default 100;

    @AttributeDefinition(description = "Refusal answers held at most at once; beyond, refusals are answered at once", min = "0")
    int maxHeldRefusals() default 10_000;

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Shared secrets of sources that sign their calls: entries account@/events/<path prefix>=<secret>")
    String[] signingSecrets() default {};
}
