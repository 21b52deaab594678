package io.switchboard.camel.kafka.internal;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale-out ingress of an event family: one factory configuration = one topic whose records are raised as
 * events through {@code event:} (schema, limits, skills, SYNC/ASYNC apply as for a webhook call). Registered as a
 * {@link RoutesBuilder}, so switchboard.camel runs it; deleting the configuration stops it after the records in
 * flight. Whoever may write to the topic may raise events for the accounts it names: pin {@code account} to trust less.
 *
 * <p>Delivery: a record's offset is committed only once the core stored its event (an ASYNC event is durable, a SYNC
 * one has run), so a crash redelivers what was not stored. Every event carries the record's
 * {@code kafka:<topic>/<partition>/<offset>} as its idempotency key, so a record delivered again (after a crash
 * between storing and committing, or a rebalance) is not run twice. A record the core refuses or fails on is retried
 * with backoff, then sent to the dead-letter topic and committed; one that can never be an event (invalid payload,
 * missing account) goes there at once. When even the dead-letter topic cannot be written, the offset stays where it
 * is and the consumer reads the record again.
 */
@Component(service = RoutesBuilder.class, configurationPid = KafkaIngress.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KafkaIngressConfiguration.class, factory = true)
public final class KafkaIngress extends RouteBuilder {

    public static final String FACTORY_PID = "io.switchboard.camel.kafka.ingress";
    /** Record header naming the event type when the configuration does not fix one. */
    public static final String EVENT_TYPE = SwitchboardHeaders.INTERNAL_PREFIX + "EventType";
    /** Header of a dead-lettered record: why it was given up on. */
    public static final String DEAD_LETTER_REASON = SwitchboardHeaders.INTERNAL_PREFIX + "DeadLetterReason";
    /** Header of a dead-lettered record: the idempotency key, i.e. where it was read ({@code kafka:<topic>/<partition>/<offset>}). */
    public static final String SOURCE = SwitchboardHeaders.INTERNAL_PREFIX + "Source";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngress.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final KafkaIngressConfiguration config;
    private final String deadLetterTopic;

    @Activate
    public KafkaIngress(KafkaIngressConfiguration config) {
        if (config.topic() == null || !NAME.matcher(config.topic()).matches()) {
            throw new IllegalArgumentException("topic of " + FACTORY_PID + " must be a Kafka topic name, was '" + config.topic() + "'");
        }
        this.deadLetterTopic = config.deadLetterTopic().isBlank() ? config.topic() + ".dlt" : config.deadLetterTopic().strip();
        if (!NAME.matcher(deadLetterTopic).matches() || deadLetterTopic.equals(config.topic())) {
            throw new IllegalArgumentException("deadLetterTopic of " + FACTORY_PID + " must be a Kafka topic name other than topic, was '"
                    + deadLetterTopic + "'");
        }
        this.config = config;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .maximumRedeliveries(Math.max(0, config.maximumRedeliveries()))
                .redeliveryDelay(Math.max(0, config.redeliveryDelayMs()))
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(Math.max(config.redeliveryDelayMs(), config.maximumRedeliveryDelayMs()))
                // A retryWhile predicate replaces maximumRedeliveries in Camel, so it counts the redeliveries itself
                // (the counter already includes the one it decides on).
                .retryWhile(exchange -> worthRetrying(exchange)
                        && exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) <= config.maximumRedeliveries())
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                .logExhausted(false)
                .handled(true)
                .process(KafkaIngress::markDeadLetter)
                // Sent synchronously: if the dead-letter topic cannot be written, the record is not committed.
                .to("kafka:" + deadLetterTopic + "?brokers=" + config.bootstrapServers())
                .process(KafkaIngress::commit);
        from("kafka:" + config.topic() + "?brokers=" + config.bootstrapServers() + "&groupId=" + config.groupId()
                + "&consumersCount=" + config.consumers() + "&autoOffsetReset=" + config.autoOffsetReset()
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true")
                .routeId("kafka-" + config.topic())
                .process(this::target)
                .toD("event:${header." + SwitchboardHeaders.ACCOUNT + "}/${header." + EVENT_TYPE + "}?trigger=EVENT")
                .process(KafkaIngress::commit);
    }

    /** A record that can never become an event is not retried: its payload or headers are wrong, not the platform's state. */
    static boolean worthRetrying(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        return !(cause instanceof InvalidPayloadException || cause instanceof BadRecordException);
    }

    private static void markDeadLetter(Exchange exchange) {
        Message message = exchange.getMessage();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Kafka record {} sent to the dead-letter topic after {} attempt(s): {}", message.getHeader(SwitchboardHeaders.IDEMPOTENCY_KEY),
                1 + message.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class), reason);
        message.setHeader(DEAD_LETTER_REASON, reason);
        message.setHeader(SOURCE, message.getHeader(SwitchboardHeaders.IDEMPOTENCY_KEY));
        message.removeHeader(KafkaConstants.OVERRIDE_TOPIC);
    }

    /** Commits the record's offset (synchronously): its event is stored, or the record is on the dead-letter topic. */
    private static void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }

    /** Puts the account, event type and idempotency key into headers, from the configuration or the record's own headers. */
    private void target(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(SwitchboardHeaders.IDEMPOTENCY_KEY, "kafka:" + message.getHeader(KafkaConstants.TOPIC) + "/"
                + message.getHeader(KafkaConstants.PARTITION) + "/" + message.getHeader(KafkaConstants.OFFSET));
        message.setHeader(SwitchboardHeaders.ACCOUNT, pick(config.account(), message, SwitchboardHeaders.ACCOUNT));
        message.setHeader(EVENT_TYPE, pick(config.eventTypeId(), message, EVENT_TYPE));
        message.setBody(message.getBody(String.class));
    }

    private static String pick(String configured, Message message, String header) {
        String value = configured.isEmpty() ? message.getHeader(header, String.class) : configured;
        if (value == null || !NAME.matcher(value).matches()) {
            throw new BadRecordException("The record names no valid " + header + " (header " + header + "), was '" + value + "'");
        }
        return value;
    }

    /** A record whose headers cannot make an event. */
    static final class BadRecordException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadRecordException(String message) {
            super(message);
        }
    }
}
