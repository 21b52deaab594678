package io.switchboard.camel.kafka.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Kafka ingress (factory PID {@value KafkaIngress#FACTORY_PID}): a topic whose records are events. */
@ObjectClassDefinition(name = "Switchboard Kafka ingress",
        description = "Consumes one topic; every record's value is an event payload, raised through the core like a webhook call")
public @interface KafkaIngressConfiguration {

    @AttributeDefinition(description = "Topic to consume, e.g. switchboard.system-messages")
    String topic();

    @AttributeDefinition(description = "Kafka bootstrap servers, host:port[,host:port]")
    String bootstrapServers() default "localhost:9092";

    @AttributeDefinition(description = "Consumer group; instances of Switchboard with the same group share the topic's partitions")
    String groupId() default "switchboard";

    @AttributeDefinition(description = "Event type of every record; empty: each record names it in the header SwitchboardEventType")
    String eventTypeId() default "";

    @AttributeDefinition(description = "Account of every record; empty: each record names it in the header SwitchboardAccount")
    String account() default "";

    @AttributeDefinition(description = "Consumers (threads) reading the topic")
    int consumers() default 1;

    @AttributeDefinition(description = "Where a new consumer group starts: earliest or latest")
    String autoOffsetReset() default "earliest";

    @AttributeDefinition(description = "Attempts after the first to raise a record the core refused or failed on (full capacity, "
            + "database unavailable, ...) before it goes to the dead-letter topic; a record that can never be an event "
            + "(invalid payload or headers) goes there at once")
    int maximumRedeliveries() default 5;

    @AttributeDefinition(description = "Delay before the first retry of a record, in milliseconds; doubled per retry")
    long redeliveryDelayMs() default 1_000;

    @AttributeDefinition(description = "Longest delay between retries of a record, in milliseconds")
    long maximumRedeliveryDelayMs() default 30_000;

    @AttributeDefinition(description = "Topic that records given up on are sent to, with the reason in the header "
            + "SwitchboardDeadLetterReason; empty: <topic>.dlt")
    String deadLetterTopic() default "";
}
