package io.switchboard.camel.internal.webhook;

import io.switchboard.http.api.HeldAnswers;
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

    @AttributeDefinition(description = HeldAnswers.DELAY_DESCRIPTION, min = "0")
    long refusalDelayMillis() default HeldAnswers.DEFAULT_DELAY_MILLIS;

    @AttributeDefinition(description = HeldAnswers.MAX_HELD_DESCRIPTION, min = "0")
    int maxHeldRefusals() default HeldAnswers.DEFAULT_MAX_HELD;

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Shared secrets of sources that sign their calls: entries account@/events/<path prefix>=<secret>")
    String[] signingSecrets() default {};
}
