package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * The Kafka ingress in the real framework against a real broker: a factory configuration switches a topic on, its
 * records are raised as events and run the bound function; deleting the configuration stops the consumer; a record
 * delivered again (its group's offset set back, as a crash before the commit leaves it) does not run again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KafkaIngressIT extends EventSourceTestSupport {

    @Test
    public void aTopicSwitchedOnByConfigurationRaisesItsRecordsAsEventsUntilTheConfigurationIsDeleted() throws Exception {
        Path classPath = Path.of(System.getProperty("switchboard.distribution.dir"))
                .resolve("../../../bundles/camel/kafka/target/test-broker.classpath").normalize();
        assertTrue("the broker's class path was written by the build of bundles/camel/kafka: " + classPath, Files.isRegularFile(classPath));
        JsonNode type = eventType("controllerbot_messaging_conversation_end");
        String account = newAccount();
        String function = deployFunction(account, "closer", "controllerbot_messaging_conversation_end",
                "function lambda(input, callback) { callback(null, [{type: 'systemMessage', text: 'Bye ' + input.payload.general.convId}]); }", null);
        String topic = KafkaBroker.uniqueTopic();

        try (KafkaBroker broker = new KafkaBroker(classPath, Files.createTempDirectory(deployFolder().getParent(), "kafka"))) {
            Configuration ingress = configurationAdmin.createFactoryConfiguration("io.switchboard.camel.kafka.ingress", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("topic", topic);
            properties.put("bootstrapServers", broker.bootstrapServers());
            properties.put("eventTypeId", "controllerbot_messaging_conversation_end");
            ingress.update(properties);
            broker.send(topic, sample(type), Map.of("SwitchboardAccount", account));

            String path = "/accounts/" + account + "/functions/" + function + "/invocations";
            await("the record ran the function", Duration.ofSeconds(60), () -> admin.get(path).body().at("/total").asInt() == 1);
            JsonNode record = admin.get(path).body().at("/items/0");
            assertEquals(record.toString(), "OK", record.at("/outcome").asText());
            assertEquals("EVENT", record.at("/trigger").asText());
            assertEquals("Bye 5b5f5e1a-3c2d-4b8e-9f0a-7d6c5b4a3e21", record.at("/result/0/text").asText());

            ingress.delete();
            await("the topic's consumer stopped", Duration.ofSeconds(30), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().contains("KafkaConsumer[" + topic + "]")));

            // As after a crash between storing the event and committing its offset: the record comes again.
            broker.rewind("switchboard", topic, 0);
            Configuration again = configurationAdmin.createFactoryConfiguration("io.switchboard.camel.kafka.ingress", "?");
            again.update(properties);
            broker.send(topic, sample(type), Map.of("SwitchboardAccount", account));
            await("the next record ran the function", Duration.ofSeconds(60), () -> admin.get(path).body().at("/total").asInt() >= 2);
            await("the group committed both records", Duration.ofSeconds(30), () -> committedBeyondBoth(broker, topic));
            // The events are asynchronous: a second run of the redelivered one would come after its commit.
            int[] last = {-1};
            int[] unchanged = {0};
            await("the invocation records stop growing", Duration.ofSeconds(60), () -> {
                int total = admin.get(path).body().at("/total").asInt();
                unchanged[0] = total == last[0] ? unchanged[0] + 1 : 0;
                last[0] = total;
                return unchanged[0] >= 60; // about 3 s (20 ms polls, plus the request) without a new record
            });
            assertEquals("the redelivered record did not run again", 2, admin.get(path).body().at("/total").asInt());
            again.delete();
        }
    }

    private static boolean committedBeyondBoth(KafkaBroker broker, String topic) {
        try {
            return broker.committed("switchboard", topic) == 2;
        } catch (Exception e) {
            return false;
        }
    }
}
