package io.switchboard.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the metrics (PID {@value #PID}): who may scrape, how many label values, which duration buckets. */
@ObjectClassDefinition(name = "Switchboard metrics", description = "The Prometheus endpoint /metrics and its labels.")
public @interface MetricsConfiguration {

    String PID = "io.switchboard.metrics";

    @AttributeDefinition(description = "A token Prometheus may send as 'Authorization: Bearer <token>' instead of the admin key, in "
            + "plain text or as sha256:<hex> of it; empty: only the admin key may scrape")
    String scrapeToken() default "";

    @AttributeDefinition(description = "Accounts that get a label value of their own; later accounts are counted as '_other'",
            min = "0", max = "100000")
    int maxAccounts() default 100;

    @AttributeDefinition(description = "Functions (over all accounts) that get a label value of their own; later functions are "
            + "counted as '_other' of their account; 0 leaves the function label out", min = "0", max = "100000")
    int maxFunctions() default 500;

    @AttributeDefinition(description = "Upper bounds of the invocation duration histogram's buckets, in milliseconds, comma-separated")
    String durationBucketsMillis() default "5,10,25,50,100,250,500,1000,2500,5000,10000,30000,60000";
}
