package io.switchboard.api.http.internal;

import io.switchboard.http.api.HeldAnswers;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP API (PID {@value ApiServlet#PID}). */
@ObjectClassDefinition(name = "Switchboard HTTP API", description = "Limits of the /api/v1 management and invocation API.")
public @interface ApiConfiguration {

    @AttributeDefinition(name = "Maximum body size", description = "Largest request body in bytes; larger bodies are answered with 413.", min = "1")
    long maxBodyBytes() default 1_048_576L;

    @AttributeDefinition(name = "Default page size", description = "Items per page when a listing is asked without ?size=.", min = "1")
    int defaultPageSize() default 20;

    @AttributeDefinition(name = "Maximum page size", description = "Largest ?size= a listing accepts.", min = "1")
    int maxPageSize() default 100;

    @AttributeDefinition(name = "Deepest page", description = "Most items a listing may skip (page times size); deeper pages are "
            + "answered with 400. Deep offsets make the database walk past every skipped row.", min = "0")
    int maxPageOffset() default ApiSettings.DEFAULT_MAX_PAGE_OFFSET;

    @AttributeDefinition(name = "Refusal delay", description = HeldAnswers.DELAY_DESCRIPTION, min = "0")
    long refusalDelayMillis() default HeldAnswers.DEFAULT_DELAY_MILLIS;

    @AttributeDefinition(name = "Most held refusals", description = HeldAnswers.MAX_HELD_DESCRIPTION, min = "0")
    int maxHeldRefusals() default HeldAnswers.DEFAULT_MAX_HELD;
}
