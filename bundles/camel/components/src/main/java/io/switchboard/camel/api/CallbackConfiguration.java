package io.switchboard.camel.api;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of an event family with asynchronous event types (one PID per family, e.g.
 * {@code io.switchboard.source.systemmessages}): where and how each account's settled events are delivered, and how
 * often a failed function is retried. The family's route builder reads the delivery keys below; the same PID's
 * {@code retries} key (a whole number; without it, each event type's own) is read by the event-type extender for every
 * folder whose {@code configurationPid} is the family's.
 */
@ObjectClassDefinition(name = "Switchboard event family", description = "Delivery of an event family's settled events and its retries")
public @interface CallbackConfiguration {

    @AttributeDefinition(description = "Entries account=url: the callback that receives the account's settled events; accounts without one get none")
    String[] callbackUrls() default {};

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "HMAC-SHA256 secret signing each delivery (X-Switchboard-Signature: sha256=<hex>); empty: unsigned")
    String signingSecret() default "";

    @AttributeDefinition(description = "Longest a delivery may take (connect and answer), in milliseconds")
    long timeoutMs() default 10_000;

    @AttributeDefinition(description = "Redeliveries of a delivery that failed (no answer or not 2xx) before it is given up")
    int maximumRedeliveries() default 3;

    @AttributeDefinition(description = "Delay before each redelivery, in milliseconds")
    long redeliveryDelayMs() default 1_000;
}
