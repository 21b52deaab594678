package io.switchboard.camel.kafka.internal;

import io.switchboard.camel.api.SwitchboardHeaders;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
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
 * flight. A record the core refuses is logged and skipped: the topic is never blocked by one bad event.
 * Whoever may write to the topic may raise events for the accounts it names: pin {@code account} to trust less.
 */
@Component(service = RoutesBuilder.class, configurationPid = KafkaIngress.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KafkaIngressConfiguration.class, factory = true)
public final class KafkaIngress extends RouteBuilder {

    public static final String FACTORY_PID = "io.switchboard.camel.kafka.ingress";
    /** Record header naming the event type when the configuration does not fix one. */
    public static final String EVENT_TYPE = SwitchboardHeaders.INTERNAL_PREFIX + "EventType";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngress.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final KafkaIngressConfiguration config;

    @Activate
    public KafkaIngress(KafkaIngressConfiguration config) {
        if (config.topic() == null || !NAME.matcher(config.topic()).matches()) {
            throw new IllegalArgumentException("topic of " + FACTORY_PID + " must be a Kafka topic name, was '" + config.topic() + "'");
        }
        this.config = config;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(KafkaIngress::logSkipped);
        from("kafka:" + config.topic() + "?brokers=" + config.bootstrapServers() + "&groupId=" + config.groupId()
                + "&consumersCount=" + config.consumers() + "&autoOffsetReset=" + config.autoOffsetReset())
                .routeId("kafka-" + config.topic())
                .process(this::target)
                .toD("event:${header." + SwitchboardHeaders.ACCOUNT + "}/${header." + EVENT_TYPE + "}?trigger=EVENT");
    }

    private static void logSkipped(Exchange exchange) {
        Message message = exchange.getMessage();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Kafka record {}/{}@{} skipped: {}", message.getHeader("CamelKafkaTopic"), message.getHeader("CamelKafkaPartition"),
                message.getHeader("CamelKafkaOffset"), cause == null ? "unknown failure" : cause.getMessage());
    }

    /** Puts the account and event type into headers, from the configuration or the record's own headers. */
    private void target(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(SwitchboardHeaders.ACCOUNT, pick(config.account(), message, SwitchboardHeaders.ACCOUNT));
        message.setHeader(EVENT_TYPE, pick(config.eventTypeId(), message, EVENT_TYPE));
        message.setBody(message.getBody(String.class));
    }

    private static String pick(String configured, Message message, String header) {
        String value = configured.isEmpty() ? message.getHeader(header, String.class) : configured;
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("The record names no valid " + header + " (header " + header + "), was '" + value + "'");
        }
        return value;
    }
}
